package vn.egov.dashboard.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code publishedOnly: true} leaves every generated sample score out of rankings,
 * agencies' histories, comparisons and statistics, and nothing else: what is left is
 * exactly the published scores the database holds.
 */
class PublishedOnlyTests extends IntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Test
	void shouldRankOnlyPublishedScoresInEveryBlockOfEveryDemoRound() {
		List<Map<String, Object>> parts = this.db
			.sql("""
					SELECT DISTINCT r.framework, r.year, s.block FROM assessment_score s JOIN assessment_round r ON r.id = s.round_id
					 WHERE r.year <= 2024 AND s.category_code = 'TOTAL' ORDER BY 1, 2, 3""")
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(parts).hasSizeGreaterThan(30);
		int published = 0;
		for (Map<String, Object> part : parts) {
			String where = "framework = '" + part.get("framework") + "' AND year = " + part.get("year")
					+ " AND block = '" + part.get("block") + "' AND category_code = 'TOTAL'";
			List<Map<String, Object>> nodes = ranking((String) part.get("framework"), (Integer) part.get("year"),
					(String) part.get("block"), true);
			assertThat(nodes).as(where).hasSize((int) count("assessment_ranked", where + " AND NOT sample"));
			for (Map<String, Object> node : nodes) {
				assertThat(node.get("sample")).as(where).isEqualTo(false);
				assertThat(node.get("previousSample")).as(where).isNotEqualTo(true);
				if (node.get("publishedRank") != null) {
					assertThat(node.get("rank")).as(where).isEqualTo(node.get("publishedRank"));
				}
			}
			published += nodes.size();
		}
		assertThat(published).isGreaterThan(40);
	}

	@Test
	void shouldListDaNangs2022LeadersAndTraVinhAtTheirPublishedRanks() {
		List<Map<String, Object>> nodes = ranking("DTI", 2022, "PROVINCES", true);
		assertThat(nodes).extracting((n) -> agency(n) + "#" + n.get("rank") + "@" + n.get("score"))
			.containsExactly("P48#1@0.8002", "P79#2@0.7163", "P22#3@0.7024", "P46#4@0.6975", "P92#5@0.6924",
					"P84#25@0.6077");
		assertThat(nodes).allSatisfy((n) -> assertThat(n.get("blockSize")).isEqualTo(63));
		// Without the argument, the whole block.
		assertThat(ranking("DTI", 2022, "PROVINCES", false)).hasSize(63);
	}

	@Test
	void shouldKeepOnlyPublishedScoresInAnAgencysHistory() {
		List<Map<String, Object>> rounds = this.graphQl.documentName("assessment/agencyScores")
			.variable("agencyCode", "P48")
			.variable("publishedOnly", true)
			.execute()
			.path("agencyScores")
			.entityList(MAP)
			.get();
		List<Object> scores = new ArrayList<>();
		for (Map<String, Object> round : rounds) {
			for (Object score : (List<?>) round.get("scores")) {
				assertThat(((Map<?, ?>) score).get("sample")).isEqualTo(false);
				scores.add(((Map<?, ?>) score).get("score"));
			}
		}
		assertThat(scores).hasSize((int) count("assessment_score s JOIN assessment_round r ON r.id = s.round_id",
				"r.year <= 2024 AND s.agency_code = 'P48' AND NOT s.sample"));
		assertThat(rounds).extracting((r) -> r.get("framework") + " " + r.get("year"))
			.contains("DTI 2020", "DTI 2022", "DTI 2023", "VIETNAM_ICT_INDEX 2016", "ICT_APPLICATION 2017")
			.doesNotContain("DTI 2021", "DTI 2024");
	}

	@Test
	void shouldCompareOnlyPublishedScores() {
		Map<String, Object> comparison = this.graphQl.documentName("assessment/compareAgencies")
			.variable("agencyCodes", List.of("P48", "P79"))
			.variable("framework", "DTI")
			.variable("toYear", 2024) // other tests import rounds after 2080
			.variable("publishedOnly", true)
			.execute()
			.path("compareAgencies")
			.entity(MAP)
			.get();
		assertThat(comparison.get("years")).isEqualTo(List.of(2020, 2021, 2022, 2023, 2024));
		List<?> rows = (List<?>) comparison.get("rows");
		// Đà Nẵng: 0.4874 (2020), 0.8002 (2022), 0.8340 (2023) published; 2021 and 2024
		// only ranks.
		assertThat(cells(rows.get(0))).containsExactly(0.4874, null, 0.8002, 0.834, null);
		// Hồ Chí Minh: only 2022's 0.7163 (its post-merger successor is another agency).
		assertThat(cells(rows.get(1))).containsExactly(null, null, 0.7163, null, null);
	}

	@Test
	void shouldComputeStatisticsOverPublishedScoresOnly() {
		List<Map<String, Object>> statistics = this.graphQl.documentName("assessment/blockStatistics")
			.variable("framework", "DTI")
			.variable("year", 2022)
			.variable("block", "PROVINCES")
			.variable("publishedOnly", true)
			.execute()
			.path("blockStatistics")
			.entityList(MAP)
			.get();
		// The total of 6 provinces, the 8 main indices of the top 5, Trà Vinh's pillars.
		assertThat(statistics).extracting((s) -> ((Map<?, ?>) s.get("category")).get("code") + ":" + s.get("count"))
			.containsExactlyInAnyOrder("TOTAL:6", "CHINH_QUYEN_SO:1", "KINH_TE_SO:1", "XA_HOI_SO:1", "NHAN_THUC_SO:5",
					"THE_CHE_SO:5", "HA_TANG_SO:5", "NHAN_LUC_SO:5", "AN_TOAN_THONG_TIN_MANG:5",
					"HOAT_DONG_CHINH_QUYEN_SO:5", "HOAT_DONG_KINH_TE_SO:5", "HOAT_DONG_XA_HOI_SO:5");
		Map<String, Object> total = statistics.stream()
			.filter((s) -> ((Map<?, ?>) s.get("category")).get("code").equals("TOTAL"))
			.findFirst()
			.orElseThrow();
		assertThat(total.get("sampleCount")).isEqualTo(0);
		assertThat(total.get("max")).isEqualTo(0.8002);
		assertThat(total.get("min")).isEqualTo(0.6077);
	}

	@Test
	void shouldLeaveSampleScoresOutOfAnAgencysOwnAssessments() {
		List<Map<String, Object>> rounds = this.graphQl
			.document("{ agency(code: \"P01\") { assessments(framework: DTI, publishedOnly: true) { year block "
					+ "total { score sample publishedRank } scores { category { code } score sample } } } }")
			.execute()
			.path("agency.assessments")
			.entityList(MAP)
			.get();
		// Hà Nội's only published DTI score: 0.8241, first of the 34 after the merger
		// (other tests import rounds after 2080).
		assertThat(rounds).filteredOn((round) -> (Integer) round.get("year") <= 2024)
			.singleElement()
			.satisfies((round) -> {
				assertThat(round.get("year")).isEqualTo(2024);
				assertThat(round.get("block")).isEqualTo("PROVINCES_POST_MERGER");
				assertThat(round.get("total")).isEqualTo(Map.of("score", 0.8241, "sample", false, "publishedRank", 1));
				assertThat((List<?>) round.get("scores")).hasSize(1);
			});
	}

	private List<Map<String, Object>> ranking(String framework, int year, String block, boolean publishedOnly) {
		return this.graphQl.documentName("assessment/ranking")
			.variable("framework", framework)
			.variable("year", year)
			.variable("block", block)
			.variable("first", 100)
			.variable("publishedOnly", publishedOnly)
			.execute()
			.path("ranking.edges[*].node")
			.entityList(MAP)
			.get();
	}

	private static String agency(Map<String, Object> node) {
		return (String) ((Map<?, ?>) node.get("agency")).get("code");
	}

	private static List<Object> cells(Object row) {
		List<Object> scores = new ArrayList<>();
		for (Object cell : (List<?>) ((Map<?, ?>) row).get("cells")) {
			scores.add((cell != null) ? ((Map<?, ?>) cell).get("score") : null);
		}
		return scores;
	}

}
