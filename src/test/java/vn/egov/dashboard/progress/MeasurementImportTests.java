package vn.egov.dashboard.progress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.csv.ImportCommand;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Importing measurements from CSV through the GraphQL endpoint, the HTTP upload and the
 * command line. Each test writes its own indicator × agency × period values (mid-year
 * periods, which the demo data never uses).
 */
class MeasurementImportTests extends IntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final String HEADER = "indicator_code,agency_code,period,value,source,note\n";

	@Autowired
	MeasurementImportService service;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void shouldRecordNewValuesCorrectOldOnesAndLeaveRepeatsAlone() {
		GraphQlTester.Response first = importCsv(HEADER + """
				WORK_FILES_ONLINE_COMMUNE,P87,2021-06-30,41.5,https://example.org/p87-2021,
				WORK_FILES_ONLINE_COMMUNE,P87,2022-06-30,52,https://example.org/p87-2022,"Báo cáo 6 tháng, Sở TTTT"
				""", false);
		first.path("importMeasurements.imported").entity(Boolean.class).isEqualTo(true);
		first.path("importMeasurements.rowsRecorded").entity(Integer.class).isEqualTo(2);
		first.path("importMeasurements.errors").entityList(MAP).hasSize(0);
		GraphQlTester.Response second = importCsv(HEADER + """
				WORK_FILES_ONLINE_COMMUNE,P87,2021-06-30,41.5,https://example.org/p87-2021,
				WORK_FILES_ONLINE_COMMUNE,P87,2022-06-30,53.25,https://example.org/p87-2022-corrected,
				""", false);
		second.path("importMeasurements.rowsRecorded").entity(Integer.class).isEqualTo(0);
		second.path("importMeasurements.rowsCorrected").entity(Integer.class).isEqualTo(1);
		second.path("importMeasurements.rowsUnchanged").entity(Integer.class).isEqualTo(1);
		List<Map<String, Object>> all = values("WORK_FILES_ONLINE_COMMUNE", "P87", true);
		assertThat(all)
			.extracting((m) -> m.get("period") + " " + m.get("value") + " " + m.get("corrected") + " " + m.get("source")
					+ " " + m.get("note"))
			.contains("2022-06-30 53.25 false https://example.org/p87-2022-corrected null",
					"2022-06-30 52.0 true https://example.org/p87-2022 Báo cáo 6 tháng, Sở TTTT",
					"2021-06-30 41.5 false https://example.org/p87-2021 null");
		assertThat(count("measurement", "agency_code = 'P87' AND indicator_code = 'WORK_FILES_ONLINE_COMMUNE' "
				+ "AND extract(month FROM period) = 6"))
			.isEqualTo(3);
		assertThat(count("audit_entry", "action = 'importMeasurements'")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void shouldReportEveryBadLineAndWriteNothing() {
		String tomorrow = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(2).toString();
		String csv = HEADER + """
				WORK_FILES_ONLINE_COMMUNE,P89,2021-06-30,60,https://example.org/ok,
				NO_SUCH_INDICATOR,P89,2021-06-30,60,https://example.org,
				WORK_FILES_ONLINE_COMMUNE,P00,2021-06-30,60,https://example.org,
				WORK_FILES_ONLINE_COMMUNE,P89,30/06/2021,60,https://example.org,
				WORK_FILES_ONLINE_COMMUNE,P89,%s,60,https://example.org,
				WORK_FILES_ONLINE_COMMUNE,P91-2025,2021-06-30,60,https://example.org,
				WORK_FILES_ONLINE_COMMUNE,P89,2020-06-30,100.5,https://example.org,
				WORK_FILES_ONLINE_COMMUNE,P89,2019-06-30,"60,5",https://example.org,
				GLOBAL_INNOVATION_RANK,P89,2021-06-30,44.5,https://example.org,
				WORK_FILES_ONLINE_COMMUNE,P89,2018-06-30,60,,
				WORK_FILES_ONLINE_COMMUNE,P89,2021-06-30,61,https://example.org/again,
				WORK_FILES_ONLINE_COMMUNE,P89,2017-06-30
				""".formatted(tomorrow);
		GraphQlTester.Response response = importCsv(csv, false);
		response.path("importMeasurements.imported").entity(Boolean.class).isEqualTo(false);
		response.path("importMeasurements.rowsRead").entity(Integer.class).isEqualTo(12);
		assertThat(response.path("importMeasurements.errors").entityList(MAP).get())
			.extracting((e) -> e.get("line") + " " + e.get("column") + ": " + e.get("message"))
			.containsExactly("3 indicator_code: unknown indicator 'NO_SUCH_INDICATOR'",
					"4 agency_code: unknown agency 'P00'",
					"5 period: '30/06/2021' is not a date in the form yyyy-MM-dd, e.g. 2024-12-31",
					"6 period: period " + tomorrow + " is in the future",
					"7 period: P91-2025 (An Giang) did not exist on 2021-06-30",
					"8 value: value is a percentage and must lie in 0–100, was 100.5 (WORK_FILES_ONLINE_COMMUNE)",
					"9 value: '60,5' is not a number with at most 15 digits and 9 decimals; write decimals with a point, e.g. 60.5",
					"10 value: value is a rank and must be a whole number from 1, was 44.5 (GLOBAL_INNOVATION_RANK)",
					"11 source: source is required: the URL or document the value comes from",
					"12 null: duplicate of line 2: WORK_FILES_ONLINE_COMMUNE of P89 for 2021-06-30 is given twice",
					"13 null: has 3 values, expected 6 (indicator_code,agency_code,period,value,source,note)");
		assertThat(count("measurement", "agency_code IN ('P89', 'P91-2025') AND extract(month FROM period) = 6"))
			.isZero();
		importCsv("indicator,agency_code,period,value\n", false).path("importMeasurements.errors[*].message")
			.entityList(String.class)
			.containsExactly(
					"unknown column 'indicator'; the columns are indicator_code, agency_code, period, value, source and optionally note",
					"the header has no column indicator_code; it must name indicator_code, agency_code, period, value, source",
					"the header has no column source; it must name indicator_code, agency_code, period, value, source");
	}

	@Test
	void shouldValidateWithoutWriting() {
		String csv = HEADER + """
				MOBILE_READY_SERVICE_PORTALS,P89,2022-06-30,88,https://example.org/fibre,
				MOBILE_READY_SERVICE_PORTALS,P89,2023-06-30,91,https://example.org/fibre,
				""";
		GraphQlTester.Response checked = importCsv(csv, true);
		checked.path("importMeasurements.validateOnly").entity(Boolean.class).isEqualTo(true);
		checked.path("importMeasurements.imported").entity(Boolean.class).isEqualTo(false);
		checked.path("importMeasurements.rowsRecorded").entity(Integer.class).isEqualTo(2);
		checked.path("importMeasurements.errors").entityList(MAP).hasSize(0);
		assertThat(count("measurement", "agency_code = 'P89' AND indicator_code = 'MOBILE_READY_SERVICE_PORTALS' "
				+ "AND extract(month FROM period) = 6"))
			.isZero();
		assertThat(count("audit_entry",
				"action = 'importMeasurements' AND new_value->>'rowsRead' = '2' " + "AND actor = 'admin'"))
			.isZero();
	}

	@Test
	void shouldRefuseCallersWithoutTheAnalystRole() {
		String csv = HEADER + "MOBILE_READY_SERVICE_PORTALS,P66,2022-06-30,70,https://example.org,\n";
		this.graphQl.documentName("progress/importMeasurements")
			.variable("csv", csv)
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("UNAUTHORIZED"))
			.verify();
		asEditorOf("P66").documentName("progress/importMeasurements")
			.variable("csv", csv)
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
		as(Role.ANALYST, null).documentName("progress/importMeasurements")
			.variable("csv", csv)
			.variable("validateOnly", true)
			.execute()
			.path("importMeasurements.rowsRecorded")
			.entity(Integer.class)
			.isEqualTo(1);
		assertThat(count("measurement", "agency_code = 'P66' AND indicator_code = 'MOBILE_READY_SERVICE_PORTALS' "
				+ "AND extract(month FROM period) = 6"))
			.isZero();
	}

	@Test
	void shouldImportAnUploadAndFromTheCommandLine(@TempDir Path dir) throws IOException {
		WebTestClient http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders((headers) -> headers.setBearerAuth(TestTokens.token("analyst", Role.ANALYST, null)))
			.build();
		http.post()
			.uri("/measurements?validateOnly=true")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(HEADER + "MOBILE_READY_SERVICE_PORTALS,P67,2022-06-30,70,https://example.org,\n")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.validateOnly")
			.isEqualTo(true)
			.jsonPath("$.rowsRecorded")
			.isEqualTo(1);
		http.post()
			.uri("/measurements")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(HEADER + "MOBILE_READY_SERVICE_PORTALS,P67,2022-06-30,170,https://example.org,\n")
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[0].line")
			.isEqualTo(2);
		// A NUL character, which PostgreSQL cannot store: refused whole, not a server
		// error.
		http.post()
			.uri("/measurements")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(HEADER + "MOBILE_READY_SERVICE_PORTALS,P67,2022-06-30,70,https://example.org,a\u0000b\n")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.field")
			.isEqualTo("file");
		assertThat(count("measurement", "agency_code = 'P67' AND extract(month FROM period) = 6")).isZero();
		http.post()
			.uri("/measurements")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(HEADER + "MOBILE_READY_SERVICE_PORTALS,P67,2022-06-30,70,https://example.org,\n")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.imported")
			.isEqualTo(true);
		assertThat(count("measurement", "agency_code = 'P67' AND extract(month FROM period) = 6")).isEqualTo(1);

		Path file = Files.writeString(dir.resolve("fibre.csv"),
				HEADER + "MOBILE_READY_SERVICE_PORTALS,P67,2023-06-30,75,https://example.org,\n");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(new MeasurementImportCommand(this.service, this.context, true, "unused").execute(file,
				new PrintStream(out, true, StandardCharsets.UTF_8)))
			.isEqualTo(ImportCommand.IMPORTED);
		assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(
				"Checked " + file + ": importing it would write 1 new, 0 corrected, 0 unchanged; nothing was written.");
		assertThat(count("measurement", "agency_code = 'P67' AND extract(month FROM period) = 6")).isEqualTo(1);
		out.reset();
		assertThat(new MeasurementImportCommand(this.service, this.context, false, "unused").execute(file,
				new PrintStream(out, true, StandardCharsets.UTF_8)))
			.isEqualTo(ImportCommand.IMPORTED);
		assertThat(out.toString(StandardCharsets.UTF_8))
			.startsWith("Imported measurements from " + file + ": 1 new, 0 corrected, 0 unchanged.");
		assertThat(count("measurement", "agency_code = 'P67' AND extract(month FROM period) = 6")).isEqualTo(2);
	}

	private GraphQlTester.Response importCsv(String csv, boolean validateOnly) {
		return asAdmin().documentName("progress/importMeasurements")
			.variable("csv", csv)
			.variable("validateOnly", validateOnly)
			.execute();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> values(String indicator, String agency, boolean includeCorrected) {
		return this.graphQl.documentName("progress/measurementHistory")
			.variable("indicatorCode", indicator)
			.variable("agencyCode", agency)
			.variable("includeCorrected", includeCorrected)
			.execute()
			.path("measurements.edges[*].node")
			.entityList(MAP)
			.get();
	}

}
