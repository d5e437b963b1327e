package vn.egov.dashboard.assessment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defining rounds and importing scores through the GraphQL endpoint, then reading them
 * back. Every test uses a round of its own (years after 2080), so tests can run in any
 * order on the shared database.
 */
class AssessmentImportTests extends IntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Test
	void shouldRankTiesEquallyAndSkipTheNextRank() {
		define("VIETNAM_ICT_INDEX", 2090, null);
		imported("VIETNAM_ICT_INDEX", 2090, """
				block,agency_code,category,score
				PROVINCES,P22,,0.7
				PROVINCES,P79-2025,,0.8
				PROVINCES,P01,,0.9
				PROVINCES,P48-2025,,0.8
				""");
		List<Map<String, Object>> nodes = ranking("VIETNAM_ICT_INDEX", 2090, "PROVINCES", null);
		assertThat(nodes).extracting((n) -> code(n) + " " + n.get("rank") + " " + n.get("tied"))
			.containsExactly("P01 1 false", "P48-2025 2 true", "P79-2025 2 true", "P22 4 false");
		assertThat(nodes).extracting((n) -> n.get("sample")).containsOnly(false);
	}

	@Test
	void shouldComputeExactQuartilesOfAKnownSet() {
		define("DTI", 2092, List.of(category("TOTAL", "Tổng thể", "TOTAL", 10),
				category("CHINH_QUYEN_SO", "Chính quyền số", "PILLAR", 100)));
		imported("DTI", 2092, """
				block,agency_code,category,score
				PROVINCES,P01,,1
				PROVINCES,P04,,2
				PROVINCES,P11,,3
				PROVINCES,P12,,4
				PROVINCES,P14,,5
				PROVINCES,P20,,6
				PROVINCES,P22,,7
				PROVINCES,P38,,8
				PROVINCES,P01,Chính quyền số,10
				PROVINCES,P04,CHINH_QUYEN_SO,20
				PROVINCES,P11,chính quyền số,30
				PROVINCES,P12,Chính quyền số,40
				""");
		List<Map<String, Object>> stats = this.graphQl.documentName("assessment/blockStatistics")
			.variable("framework", "DTI")
			.variable("year", 2092)
			.variable("block", "PROVINCES")
			.execute()
			.path("blockStatistics")
			.entityList(MAP)
			.get();
		assertThat(stats).hasSize(2);
		assertThat(stats.get(0)).containsEntry("count", 8)
			.containsEntry("sampleCount", 0)
			.containsEntry("min", 1.0)
			.containsEntry("q1", 2.75)
			.containsEntry("median", 4.5)
			.containsEntry("q3", 6.25)
			.containsEntry("max", 8.0)
			.containsEntry("mean", 4.5)
			.containsEntry("interquartileRange", 3.5);
		// sqrt(5.25) = 2.29128784…, given to the 6 decimals of a score
		assertThat(stats.get(0)).containsEntry("standardDeviation", 2.291288);
		assertThat(stats.get(1)).containsEntry("count", 4)
			.containsEntry("q1", 17.5)
			.containsEntry("median", 25.0)
			.containsEntry("q3", 32.5)
			.containsEntry("mean", 25.0)
			.containsEntry("max", 40.0);
		assertThat((Map<String, Object>) stats.get(1).get("category")).containsEntry("code", "CHINH_QUYEN_SO");
		// One category only
		this.graphQl.documentName("assessment/blockStatistics")
			.variable("framework", "DTI")
			.variable("year", 2092)
			.variable("block", "PROVINCES")
			.variable("category", "TOTAL")
			.execute()
			.path("blockStatistics[*].median")
			.entityList(Double.class)
			.containsExactly(4.5);
	}

	@Test
	void shouldGiveRankChangeAgainstThePreviousImportedRound() {
		define("ICT_APPLICATION", 2081, null);
		define("ICT_APPLICATION", 2082, null);
		imported("ICT_APPLICATION", 2081, """
				block,agency_code,category,score
				PROVINCES,P01,,0.9
				PROVINCES,P04,,0.8
				PROVINCES,P11,,0.7
				""");
		imported("ICT_APPLICATION", 2082, """
				block,agency_code,category,score
				PROVINCES,P11,,0.95
				PROVINCES,P01,,0.85
				PROVINCES,P04,,0.5
				PROVINCES,P22,,0.4
				""");
		List<Map<String, Object>> nodes = ranking("ICT_APPLICATION", 2082, "PROVINCES", null);
		assertThat(nodes)
			.extracting((n) -> code(n) + " " + n.get("rank") + " " + n.get("previousRank") + " " + n.get("rankChange")
					+ " " + n.get("previousYear"))
			.containsExactly("P11 1 3 2 2081", "P01 2 1 -1 2081", "P04 3 2 -1 2081", "P22 4 null null null");
	}

	@Test
	void shouldReportEveryBadLineAndWriteNothing() {
		define("DTI", 2093, List.of(category("TOTAL", "Tổng thể", "TOTAL", 1),
				category("CHINH_QUYEN_SO", "Chính quyền số", "PILLAR", 1)));
		imported("DTI", 2093, """
				block,agency_code,category,score
				PROVINCES,P01,,0.5
				PROVINCES,P04,,0.6
				""");
		String csv = """
				block,agency_code,category,score,rank
				PROVINCES,P04,,0.8002,1
				PROVINCES,P999,,0.5,
				PROVINCES,P01,Chính phủ số,0.5,
				PROVINCES,P11,,1.2,
				PROVINCES,P04,,0.7,
				PROVINCES,P12,,0.6
				PROVINCES,P14,,abc,
				PROVINCES,P20,,"0,65",
				MINISTRIES,BTC,,0.5,
				PROVINCES,BTC,,0.5,
				PROVINCES,P17,,0.5,
				PROVINCES,P38,,-0.1,
				PROVINCES,P40,,0.5,first

				PROVINCES,P42,,,
				PROVINCES,P22,,0.1234567,
				""";
		GraphQlTester.Response response = importCsv("DTI", 2093, csv);
		response.path("importAssessment.imported").entity(Boolean.class).isEqualTo(false);
		response.path("importAssessment.rowsImported").entity(Integer.class).isEqualTo(0);
		response.path("importAssessment.rowsRead").entity(Integer.class).isEqualTo(15);
		List<Map<String, Object>> errors = response.path("importAssessment.errors").entityList(MAP).get();
		assertThat(errors).extracting((e) -> e.get("line") + " " + e.get("column"))
			.containsExactly("3 agency_code", "4 category", "5 score", "6 null", "7 null", "8 score", "9 score",
					"10 block", "11 agency_code", "12 agency_code", "13 score", "14 rank", "16 score", "17 score");
		assertThat(errors).extracting((e) -> e.get("message"))
			.containsExactly("unknown agency 'P999'",
					"unknown category 'Chính phủ số' for DTI 2093; use one of TOTAL (or empty), CHINH_QUYEN_SO (Chính quyền số)",
					"score 1.2 is outside 0..1, the range of TOTAL in DTI 2093",
					"duplicate of line 2: P04 already has a TOTAL score in block PROVINCES",
					"has 4 values, expected 5 (block,agency_code,category,score,rank)", "'abc' is not a number",
					"'0,65' is not a number; write decimals with a point, e.g. 0.65",
					"unknown block 'MINISTRIES' for DTI, which uses MINISTRIES_WITH_PUBLIC_SERVICES, "
							+ "MINISTRIES_WITHOUT_PUBLIC_SERVICES, PROVINCES, PROVINCES_POST_MERGER, NATIONAL",
					"BTC (Bộ Tài chính) is a MINISTRY, but block PROVINCES ranks PROVINCE",
					"P17 (Hòa Bình) did not exist in 2093 (valid … to 2025-06-30; its successor is P25-2025)",
					"score -0.1 is outside 0..1, the range of TOTAL in DTI 2093",
					"rank 'first' is not a positive whole number (leave it empty when no rank was published)",
					"score is required", "0.1234567 has more than 6 decimals");
		// Nothing written: the round still holds the two scores of the earlier import.
		assertThat(ranking("DTI", 2093, "PROVINCES", null)).extracting(AssessmentImportTests::code)
			.containsExactly("P04", "P01");
		assertThat(count("assessment_score s JOIN assessment_round r ON r.id = s.round_id",
				"r.framework = 'DTI' AND r.year = 2093"))
			.isEqualTo(2);
	}

	@Test
	void shouldReportABadHeaderOnLineOne() {
		define("DTI", 2094, null);
		GraphQlTester.Response response = importCsv("DTI", 2094, "block,agency,category,points\nPROVINCES,P01,,0.5\n");
		assertThat(response.path("importAssessment.errors").entityList(MAP).get())
			.extracting((e) -> e.get("line") + " " + e.get("column") + ": " + e.get("message"))
			.containsExactly(
					"1 agency: unknown column 'agency'; the columns are block, agency_code, category, score and optionally rank, source, note",
					"1 points: unknown column 'points'; the columns are block, agency_code, category, score and optionally rank, source, note",
					"1 agency_code: the header has no column agency_code; it must name block, agency_code, category, score",
					"1 score: the header has no column score; it must name block, agency_code, category, score");
		importCsv("DTI", 2094, "").path("importAssessment.errors[0].message")
			.entity(String.class)
			.isEqualTo(
					"the file is empty: expected a header row block,agency_code,category,score and one line per score");
		importCsv("DTI", 2094, "block,agency_code,category,score\n").path("importAssessment.errors[0].message")
			.entity(String.class)
			.isEqualTo("the file has a header but no scores; nothing was replaced");
	}

	@Test
	void shouldCountLinesAsTheFileHasThem() {
		define("DTI", 2095, null);
		// BOM, CRLF line ends, a quoted note over two lines, blank lines: line numbers
		// stay those of the file.
		String csv = "\uFEFFblock,agency_code,category,score,note\r\n"
				+ "PROVINCES,P01,,0.5,\"một ghi chú\r\ntrên hai dòng\"\r\n" + "\r\n" + "PROVINCES,P999,,0.5,\r\n";
		importCsv("DTI", 2095, csv).path("importAssessment.errors[*].line")
			.entityList(Integer.class)
			.containsExactly(5);
		importCsv("DTI", 2095, "block,agency_code,category,score,note\nPROVINCES,P01,,0.5,\"never closed\n")
			.path("importAssessment.errors[0].message")
			.entity(String.class)
			.satisfies((m) -> assertThat(m).startsWith("the file is not valid CSV from here on"));
	}

	@Test
	void shouldReplaceARoundAtomicallyOnReimport() {
		define("VIETNAM_ICT_INDEX", 2096, null);
		GraphQlTester.Response first = importCsv("VIETNAM_ICT_INDEX", 2096, """
				block,agency_code,category,score
				PROVINCES,P01,,0.5
				PROVINCES,P04,,0.6
				MINISTRIES_AND_GOVERNMENT_AGENCIES,BTC,,0.7
				""");
		first.path("importAssessment.rowsImported").entity(Integer.class).isEqualTo(3);
		first.path("importAssessment.rowsReplaced").entity(Integer.class).isEqualTo(0);
		// The whole round again, corrected and with one more province: replaces all
		// three.
		GraphQlTester.Response second = importCsv("VIETNAM_ICT_INDEX", 2096, """
				block,agency_code,category,score,source,note
				PROVINCES,P79-2025,,0.9,https://example.org/report,Nguồn thử nghiệm
				PROVINCES,P01,,0.4,,
				PROVINCES,P04,,0.6,,
				MINISTRIES_AND_GOVERNMENT_AGENCIES,BTC,,0.75,,
				""");
		second.path("importAssessment.imported").entity(Boolean.class).isEqualTo(true);
		second.path("importAssessment.rowsImported").entity(Integer.class).isEqualTo(4);
		second.path("importAssessment.rowsReplaced").entity(Integer.class).isEqualTo(3);
		second.path("importAssessment.replacedBlock").valueIsNull();
		second.path("importAssessment.round.scoreCount").entity(Integer.class).isEqualTo(4);
		second.path("importAssessment.round.importedAt")
			.entity(String.class)
			.satisfies((at) -> assertThat(at).isNotBlank());
		List<Map<String, Object>> nodes = ranking("VIETNAM_ICT_INDEX", 2096, "PROVINCES", null);
		assertThat(nodes).extracting(AssessmentImportTests::code).containsExactly("P79-2025", "P04", "P01");
		assertThat(nodes.get(0)).containsEntry("source", "https://example.org/report")
			.containsEntry("note", "Nguồn thử nghiệm");
		assertThat(ranking("VIETNAM_ICT_INDEX", 2096, "MINISTRIES_AND_GOVERNMENT_AGENCIES", null))
			.extracting((n) -> n.get("score"))
			.containsExactly(0.75);
	}

	@Test
	void shouldRefuseAPartialFileThatWouldEmptyTheRestOfTheRound() {
		define("VIETNAM_ICT_INDEX", 2084, null);
		imported("VIETNAM_ICT_INDEX", 2084, """
				block,agency_code,category,score
				PROVINCES,P01,,0.5
				PROVINCES,P04,,0.6
				PROVINCES,P11,,0.4
				MINISTRIES_AND_GOVERNMENT_AGENCIES,BTC,,0.7
				""");
		String oneProvince = "block,agency_code,category,score\nPROVINCES,P01,,0.55\n";
		GraphQlTester.Response refused = importCsv("VIETNAM_ICT_INDEX", 2084, oneProvince);
		refused.path("importAssessment.imported").entity(Boolean.class).isEqualTo(false);
		refused.path("importAssessment.errors[*]")
			.entityList(MAP)
			.satisfies((errors) -> assertThat(errors).extracting((e) -> e.get("line") + ": " + e.get("message"))
				.containsExactly("1: the file gives 1 scores, but VIETNAM_ICT_INDEX 2084 holds 4: importing it would "
						+ "delete the 3 it leaves out (PROVINCES 2, MINISTRIES_AND_GOVERNMENT_AGENCIES 1). Give every "
						+ "score of the round, or replace one block only (replace: PROVINCES)"));
		assertThat(count("assessment_score s JOIN assessment_round r ON r.id = s.round_id",
				"r.framework = 'VIETNAM_ICT_INDEX' AND r.year = 2084"))
			.isEqualTo(4);
		// Naming the block replaces that block only: the ministries keep their score.
		GraphQlTester.Response block = importCsv("VIETNAM_ICT_INDEX", 2084, oneProvince, "PROVINCES", false);
		block.path("importAssessment.imported").entity(Boolean.class).isEqualTo(true);
		block.path("importAssessment.replacedBlock").entity(String.class).isEqualTo("PROVINCES");
		block.path("importAssessment.rowsImported").entity(Integer.class).isEqualTo(1);
		block.path("importAssessment.rowsReplaced").entity(Integer.class).isEqualTo(3);
		block.path("importAssessment.round.scoreCount").entity(Integer.class).isEqualTo(2);
		assertThat(ranking("VIETNAM_ICT_INDEX", 2084, "PROVINCES", null))
			.extracting((n) -> code(n) + " " + n.get("score"))
			.containsExactly("P01 0.55");
		assertThat(ranking("VIETNAM_ICT_INDEX", 2084, "MINISTRIES_AND_GOVERNMENT_AGENCIES", null))
			.extracting((n) -> code(n) + " " + n.get("score"))
			.containsExactly("BTC 0.7");
		// A line of another block in a block import: refused at its line, nothing
		// written.
		importCsv("VIETNAM_ICT_INDEX", 2084, """
				block,agency_code,category,score
				PROVINCES,P04,,0.3
				MINISTRIES_AND_GOVERNMENT_AGENCIES,BTC,,0.1
				""", "PROVINCES", false).path("importAssessment.errors[*]")
			.entityList(MAP)
			.satisfies((errors) -> assertThat(errors).extracting((e) -> e.get("line") + " " + e.get("message"))
				.containsExactly(
						"3 is in block MINISTRIES_AND_GOVERNMENT_AGENCIES, but this import replaces block PROVINCES only"));
		importAssessmentErrors("VIETNAM_ICT_INDEX", 2084, oneProvince, "MINISTRIES_WITH_PUBLIC_SERVICES")
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST")
					&& "replace".equals(e.getExtensions().get("field")))
			.verify();
		assertThat(ranking("VIETNAM_ICT_INDEX", 2084, "PROVINCES", null))
			.extracting((n) -> code(n) + " " + n.get("score"))
			.containsExactly("P01 0.55");
		assertThat(
				count("audit_entry", "action = 'importAssessment' AND entity_id = 'VIETNAM_ICT_INDEX/2084/PROVINCES'"))
			.isEqualTo(1);
	}

	@Test
	void shouldRefuseToReplaceTheWholeDemoRoundWithAOneLineFile() {
		// The report of issue 20: a valid one-row file replaced the 1,190 scores of DTI
		// 2024.
		// Validated only, so the shared demo round stays as it is.
		long held = count("assessment_score s JOIN assessment_round r ON r.id = s.round_id",
				"r.framework = 'DTI' AND r.year = 2024");
		long provinces = count("assessment_score s JOIN assessment_round r ON r.id = s.round_id",
				"r.framework = 'DTI' AND r.year = 2024 AND s.block = 'PROVINCES'");
		assertThat(held).isEqualTo(1190);
		String oneLine = "block,agency_code,category,score\nPROVINCES,P48,,0.8123\n";
		GraphQlTester.Response refused = importCsv("DTI", 2024, oneLine, null, true);
		refused.path("importAssessment.validateOnly").entity(Boolean.class).isEqualTo(true);
		refused.path("importAssessment.errors[0].message")
			.entity(String.class)
			.satisfies((m) -> assertThat(m)
				.startsWith("the file gives 1 scores, but DTI 2024 holds 1190: importing "
						+ "it would delete the 1189 it leaves out (")
				.endsWith("Give every score of the round, or replace one block only (replace: PROVINCES)"));
		GraphQlTester.Response block = importCsv("DTI", 2024, oneLine, "PROVINCES", true);
		block.path("importAssessment.errors").entityList(MAP).hasSize(0);
		block.path("importAssessment.imported").entity(Boolean.class).isEqualTo(false);
		block.path("importAssessment.rowsImported").entity(Integer.class).isEqualTo(1);
		block.path("importAssessment.rowsReplaced").entity(Long.class).isEqualTo(provinces);
		assertThat(count("assessment_score s JOIN assessment_round r ON r.id = s.round_id",
				"r.framework = 'DTI' AND r.year = 2024"))
			.isEqualTo(1190);
	}

	@Test
	void shouldValidateWithoutWriting() {
		define("DTI", 2091, null);
		GraphQlTester.Response checked = importCsv("DTI", 2091, """
				block,agency_code,category,score
				PROVINCES,P01,,0.5
				PROVINCES,P04,,0.6
				""", null, true);
		checked.path("importAssessment.validateOnly").entity(Boolean.class).isEqualTo(true);
		checked.path("importAssessment.imported").entity(Boolean.class).isEqualTo(false);
		checked.path("importAssessment.rowsImported").entity(Integer.class).isEqualTo(2);
		checked.path("importAssessment.rowsReplaced").entity(Integer.class).isEqualTo(0);
		checked.path("importAssessment.round.importedAt").valueIsNull();
		importCsv("DTI", 2091, "block,agency_code,category,score\nPROVINCES,P999,,0.5\n", null, true)
			.path("importAssessment.errors[*].message")
			.entityList(String.class)
			.containsExactly("unknown agency 'P999'");
		assertThat(count("assessment_score s JOIN assessment_round r ON r.id = s.round_id",
				"r.framework = 'DTI' AND r.year = 2091"))
			.isZero();
		assertThat(count("audit_entry", "action = 'importAssessment' AND entity_id = 'DTI/2091'")).isZero();
		// Validating needs the same role as importing.
		asEditorOf("P01").documentName("assessment/importAssessment")
			.variable("framework", "DTI")
			.variable("year", 2091)
			.variable("csv", "block,agency_code,category,score\nPROVINCES,P01,,0.5\n")
			.variable("validateOnly", true)
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
	}

	@Test
	void shouldKeepTheOldScoresWhenWritingTheNewOnesFails() {
		define("VIETNAM_ICT_INDEX", 2083, null);
		imported("VIETNAM_ICT_INDEX", 2083,
				"block,agency_code,category,score\nPROVINCES,P01,,0.5\nPROVINCES,P04,,0.4\n");
		Long roundId = this.db
			.sql("SELECT id FROM assessment_round WHERE framework = 'VIETNAM_ICT_INDEX' AND year = 2083")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		// A failure inside the database after the old scores were deleted, for this round
		// only.
		this.db
			.sql("CREATE FUNCTION test_fail_2083() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " + "IF NEW.round_id = "
					+ roundId + " THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$")
			.then()
			.block();
		this.db.sql(
				"CREATE TRIGGER test_fail_2083 BEFORE INSERT ON assessment_score FOR EACH ROW EXECUTE FUNCTION test_fail_2083()")
			.then()
			.block();
		try {
			importAssessmentErrors("VIETNAM_ICT_INDEX", 2083, "block,agency_code,category,score\nPROVINCES,P11,,0.9\n",
					"PROVINCES")
				.expect((e) -> e.getErrorType().toString().equals("INTERNAL_ERROR")
						&& !e.getMessage().contains("disk full"))
				.verify();
		}
		finally {
			this.db.sql("DROP TRIGGER test_fail_2083 ON assessment_score").then().block();
			this.db.sql("DROP FUNCTION test_fail_2083()").then().block();
		}
		assertThat(ranking("VIETNAM_ICT_INDEX", 2083, "PROVINCES", null)).extracting(AssessmentImportTests::code)
			.containsExactly("P01", "P04");
	}

	@Test
	void shouldImportAFileInTheFormatOfTheReferenceData() {
		define("DTI", 2097, null);
		String header = "framework,year,block,agency_id,agency_name,category,score,rank,source,note\n";
		GraphQlTester.Response response = importCsv("DTI", 2097,
				header + "DTI,2097,PROVINCES,P48-2025,Đà Nẵng,,0.8002,1,https://dti.gov.vn,\n"
						+ "DTI,2097,PROVINCES,P79-2025,Hồ Chí Minh,,0.7163,3,https://dti.gov.vn,\n");
		response.path("importAssessment.imported").entity(Boolean.class).isEqualTo(true);
		// rank 3 contradicts the scores: a warning, not an error
		response.path("importAssessment.warnings[*].message")
			.entityList(String.class)
			.containsExactly("rank 3 is given, but the scores in this file rank the line 2 in PROVINCES / TOTAL");
		response.path("importAssessment.warnings[0].line").entity(Integer.class).isEqualTo(3);
		importCsv("DTI", 2097, header + "DTI,2022,PROVINCES,P48,Đà Nẵng,,0.8002,1,,\n")
			.path("importAssessment.errors[*].message")
			.entityList(String.class)
			.containsExactly("belongs to year 2022, but this import is for 2097");
		assertThat(ranking("DTI", 2097, "PROVINCES", null)).extracting((n) -> n.get("publishedRank"))
			.containsExactly(1, 3);
	}

	@Test
	void shouldRefuseToImportIntoARoundThatDoesNotExist() {
		importAssessmentErrors("DTI", 2099, "block,agency_code,category,score\nPROVINCES,P01,,0.5\n")
			.expect((e) -> e.getErrorType().toString().equals("NOT_FOUND")
					&& e.getMessage().startsWith("No DTI round for 2099"))
			.verify();
		importAssessmentErrors("DTI", 1999, "x")
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST")
					&& e.getMessage().equals("year must be from 2000 to 2100, was 1999"))
			.verify();
	}

	@Test
	void shouldDefineARoundWithItsCategoriesAndMethodology() {
		GraphQlTester.Response response = asAdmin().documentName("assessment/defineAssessmentRound")
			.variable("input",
					Map.of("framework", "ICT_APPLICATION", "year", 2085, "methodologyDocumentNumber", "62/QĐ-BTTTT",
							"note", "Vòng thử"))
			.execute();
		response.path("defineAssessmentRound.methodologyDocument.number").entity(String.class).isEqualTo("62/QĐ-BTTTT");
		// no categories given: copied from the previous round of the framework
		// (ICT_APPLICATION 2019: the total)
		response.path("defineAssessmentRound.categories[*].code").entityList(String.class).containsExactly("TOTAL");
		asAdmin().documentName("assessment/defineAssessmentRound")
			.variable("input", Map.of("framework", "ICT_APPLICATION", "year", 2085, "publishedOn", "2086-03-01"))
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST")
					&& e.getMessage().equals("publishedOn must not be in the future, was 2086-03-01"))
			.verify();
		asAdmin().documentName("assessment/defineAssessmentRound")
			.variable("input",
					Map.of("framework", "ICT_APPLICATION", "year", 2085, "methodologyDocumentNumber", "1/XX"))
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("NOT_FOUND")
					&& e.getMessage().equals("No legal document numbered '1/XX'"))
			.verify();
		asAdmin().documentName("assessment/defineAssessmentRound")
			.variable("input",
					Map.of("framework", "ICT_APPLICATION", "year", 2085, "categories",
							List.of(category("HA_TANG", "Hạ tầng", "PILLAR", 1))))
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST")
					&& e.getMessage().equals("categories must include the total: code TOTAL, kind TOTAL"))
			.verify();
	}

	@Test
	void shouldKeepCategoriesThatHaveScores() {
		define("ICT_APPLICATION", 2086,
				List.of(category("TOTAL", "Tổng thể", "TOTAL", 1), category("HA_TANG", "Hạ tầng", "PILLAR", 1)));
		imported("ICT_APPLICATION", 2086, "block,agency_code,category,score\nPROVINCES,P01,HA_TANG,0.9\n");
		asAdmin().documentName("assessment/defineAssessmentRound")
			.variable("input",
					Map.of("framework", "ICT_APPLICATION", "year", 2086, "categories",
							List.of(category("TOTAL", "Tổng thể", "TOTAL", 1))))
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST") && e.getMessage()
				.equals("categories must keep HA_TANG, which has scores in ICT_APPLICATION 2086; import the round without it first"))
			.verify();
		asAdmin().documentName("assessment/defineAssessmentRound")
			.variable("input",
					Map.of("framework", "ICT_APPLICATION", "year", 2086, "categories",
							List.of(category("TOTAL", "Tổng thể", "TOTAL", 1),
									category("HA_TANG", "Hạ tầng", "PILLAR", 0.5))))
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST") && e.getMessage()
				.equals("categories cannot lower the maximum of HA_TANG to 0.5: ICT_APPLICATION 2086 has a score of 0.9"))
			.verify();
		// raising a maximum and renaming is fine
		asAdmin().documentName("assessment/defineAssessmentRound")
			.variable("input",
					Map.of("framework", "ICT_APPLICATION", "year", 2086, "categories",
							List.of(category("TOTAL", "Tổng thể", "TOTAL", 100),
									category("HA_TANG", "Hạ tầng số", "PILLAR", 100))))
			.execute()
			.path("defineAssessmentRound.categories[*].maxScore")
			.entityList(Double.class)
			.containsExactly(100.0, 100.0);
	}

	private void define(String framework, int year, List<Map<String, Object>> categories) {
		Map<String, Object> input = new java.util.HashMap<>(Map.of("framework", framework, "year", year));
		if (categories != null) {
			input.put("categories", categories);
		}
		asAdmin().documentName("assessment/defineAssessmentRound")
			.variable("input", input)
			.execute()
			.path("defineAssessmentRound.year")
			.entity(Integer.class)
			.isEqualTo(year);
	}

	private static Map<String, Object> category(String code, String name, String kind, double max) {
		return Map.of("code", code, "name", name, "kind", kind, "maxScore", max);
	}

	private GraphQlTester.Response importCsv(String framework, int year, String csv) {
		return importCsv(framework, year, csv, null, false);
	}

	private GraphQlTester.Response importCsv(String framework, int year, String csv, String replace,
			boolean validateOnly) {
		return asAdmin().documentName("assessment/importAssessment")
			.variable("framework", framework)
			.variable("year", year)
			.variable("csv", csv)
			.variable("replace", replace)
			.variable("validateOnly", validateOnly)
			.execute();
	}

	private GraphQlTester.Errors importAssessmentErrors(String framework, int year, String csv) {
		return importAssessmentErrors(framework, year, csv, null);
	}

	private GraphQlTester.Errors importAssessmentErrors(String framework, int year, String csv, String replace) {
		return importCsv(framework, year, csv, replace, false).errors();
	}

	private void imported(String framework, int year, String csv) {
		GraphQlTester.Response response = importCsv(framework, year, csv);
		response.path("importAssessment.errors").entityList(MAP).hasSize(0);
		response.path("importAssessment.imported").entity(Boolean.class).isEqualTo(true);
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> ranking(String framework, int year, String block, String category) {
		return this.graphQl.documentName("assessment/ranking")
			.variable("framework", framework)
			.variable("year", year)
			.variable("block", block)
			.variable("category", category)
			.variable("first", 100)
			.execute()
			.path("ranking.edges")
			.entityList(MAP)
			.get()
			.stream()
			.map((edge) -> (Map<String, Object>) edge.get("node"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static String code(Map<String, Object> node) {
		return (String) ((Map<String, Object>) node.get("agency")).get("code");
	}

}
