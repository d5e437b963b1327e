package vn.egov.dashboard.assessment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rank changes across the 2025 merger and "who improved most" ({@code rankChanges}),
 * through the GraphQL endpoint: a block is compared with the previous round's ranking of
 * the same set of units (V13__rank_comparison.sql).
 */
class RankChangeTests extends IntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Test
	void shouldCompareDti2025WithTheSameThirtyFourProvincesOf2024() {
		// DTI 2024 ranks Cao Bằng (P04) 60th of 63 and 34th of the 34 merged provinces.
		List<Map<String, Object>> postMerger = ranking("DTI", 2024, "PROVINCES_POST_MERGER");
		assertThat(postMerger).hasSize(34);
		assertThat(rankOf(ranking("DTI", 2024, "PROVINCES"), "P04")).isEqualTo(60);
		Map<String, Integer> rank2024 = new HashMap<>();
		postMerger.forEach((n) -> rank2024.put(code(n), (Integer) n.get("rank")));
		assertThat(rank2024).containsEntry("P04", 34).containsEntry("P25-2025", 22);
		// DTI 2025 for the 34 provinces: Cao Bằng first, the others in their 2024 order.
		List<String> order = new ArrayList<>(List.of("P04"));
		postMerger.stream().map(RankChangeTests::code).filter((c) -> !c.equals("P04")).forEach(order::add);
		StringBuilder csv = new StringBuilder("block,agency_code,category,score\n");
		for (int i = 0; i < order.size(); i++) {
			csv.append("PROVINCES,")
				.append(order.get(i))
				.append(",,")
				.append(java.math.BigDecimal.valueOf(99 - i, 2))
				.append('\n');
		}
		define("DTI", 2025, null);
		try {
			imported("DTI", 2025, csv.toString());
			List<Map<String, Object>> nodes = ranking("DTI", 2025, "PROVINCES");
			assertThat(nodes).hasSize(34);
			// +33, not +59 (60th of 63 against 1st of 34) nor nothing for the merged
			// units.
			assertThat(nodes.get(0)).containsEntry("rank", 1)
				.containsEntry("previousRank", 34)
				.containsEntry("rankChange", 33)
				.containsEntry("previousYear", 2024);
			for (int i = 1; i < nodes.size(); i++) {
				Map<String, Object> node = nodes.get(i);
				assertThat(code(node)).isEqualTo(order.get(i));
				assertThat(node).as(code(node))
					.containsEntry("rank", i + 1)
					.containsEntry("previousRank", rank2024.get(code(node)))
					.containsEntry("rankChange", rank2024.get(code(node)) - (i + 1));
			}
			assertThat(nodes).filteredOn((n) -> code(n).equals("P25-2025"))
				.singleElement()
				.satisfies((n) -> assertThat(n).containsEntry("rank", 23).containsEntry("rankChange", -1));
			assertThat(nodes).allSatisfy((n) -> assertThat(Math.abs((Integer) n.get("rankChange"))).isLessThan(34));
		}
		finally {
			this.db.sql("""
					DELETE FROM assessment_score
					 WHERE round_id = (SELECT id FROM assessment_round WHERE framework = 'DTI' AND year = 2025);
					DELETE FROM assessment_category
					 WHERE round_id = (SELECT id FROM assessment_round WHERE framework = 'DTI' AND year = 2025);
					DELETE FROM assessment_round WHERE framework = 'DTI' AND year = 2025
					""").then().block();
		}
	}

	@Test
	void shouldRankTheMergedProvincesOf2024AgainstTheirPredecessorsIn2023() {
		// Before: no previous rank, since DTI 2023 has no PROVINCES_POST_MERGER block.
		List<Map<String, Object>> nodes = ranking("DTI", 2024, "PROVINCES_POST_MERGER");
		assertThat(nodes).allSatisfy((n) -> assertThat(n).containsEntry("previousYear", 2023));
		// Huế (P46-2025) is compared through Thừa Thiên Huế (P46), new Phú Thọ through
		// the
		// mean of Phú Thọ, Vĩnh Phúc and Hòa Bình, Cao Bằng through itself.
		assertThat(nodes).extracting((n) -> code(n) + " " + n.get("rank") + " " + n.get("previousRank"))
			.startsWith("P01 1 2", "P46-2025 2 1", "P31-2025 3 9", "P79-2025 4 7")
			.contains("P25-2025 22 17")
			.endsWith("P04 34 34");
		assertThat(nodes).extracting((n) -> (Integer) n.get("previousRank")).doesNotContainNull();
		assertThat(nodes).allSatisfy((n) -> assertThat(Math.abs((Integer) n.get("rankChange"))).isLessThan(34));
		// the same rule in rankChanges, with the scores behind it
		Map<String, Object> phuTho = changes("DTI", 2023, 2024, "PROVINCES_POST_MERGER", "RANK_CHANGE", "DESC").stream()
			.filter((n) -> code(n).equals("P25-2025"))
			.findFirst()
			.orElseThrow();
		assertThat(phuTho).containsEntry("fromRank", 17)
			.containsEntry("rankChange", -5)
			.containsEntry("fromBlock", "PROVINCES")
			.containsEntry("fromSample", true);
		assertThat(codes(phuTho.get("fromAgencies"))).containsExactly("P17", "P25", "P26");
	}

	@Test
	void shouldSortWhoImprovedMostOnKnownScores() {
		List<Map<String, Object>> total = List
			.of(Map.of("code", "TOTAL", "name", "Tổng thể", "kind", "TOTAL", "maxScore", 1));
		define("DTI", 2084, total);
		define("DTI", 2085, total);
		// 2084: the three provinces that became new Vĩnh Long (P86-2025) average 0.5.
		imported("DTI", 2084, """
				block,agency_code,category,score
				PROVINCES_POST_MERGER,P01,,0.9
				PROVINCES_POST_MERGER,P86,,0.5
				PROVINCES_POST_MERGER,P83,,0.7
				PROVINCES_POST_MERGER,P84,,0.3
				PROVINCES_POST_MERGER,P04,,0.8
				""");
		imported("DTI", 2085, """
				block,agency_code,category,score
				PROVINCES_POST_MERGER,P86-2025,,0.95
				PROVINCES_POST_MERGER,P01,,0.85
				PROVINCES_POST_MERGER,P04,,0.78
				PROVINCES_POST_MERGER,P22,,0.7
				""");
		// Earlier ranks among the 2085 units: P01 1 (0.9), P04 2 (0.8), P86-2025 3 (0.5).
		assertThat(changes("DTI", 2084, 2085, "PROVINCES_POST_MERGER", "RANK_CHANGE", "DESC"))
			.extracting(RankChangeTests::summary)
			.containsExactly("P86-2025 1 3 2 0.95 0.5 0.45 [P83, P84, P86]", "P01 2 1 -1 0.85 0.9 -0.05 [P01]",
					"P04 3 2 -1 0.78 0.8 -0.02 [P04]", "P22 4 null null 0.7 null null []");
		assertThat(changes("DTI", 2084, 2085, "PROVINCES_POST_MERGER", "RANK_CHANGE", "ASC"))
			.extracting(RankChangeTests::code)
			.containsExactly("P01", "P04", "P86-2025", "P22");
		assertThat(changes("DTI", 2084, 2085, "PROVINCES_POST_MERGER", "SCORE_CHANGE", "DESC"))
			.extracting(RankChangeTests::code)
			.containsExactly("P86-2025", "P04", "P01", "P22");
		assertThat(changes("DTI", 2084, 2085, "PROVINCES_POST_MERGER", "SCORE_CHANGE", "ASC"))
			.extracting(RankChangeTests::code)
			.containsExactly("P01", "P04", "P86-2025", "P22");
		// ranking's rankChange follows the same rule
		assertThat(ranking("DTI", 2085, "PROVINCES_POST_MERGER"))
			.extracting((n) -> code(n) + " " + n.get("previousRank") + " " + n.get("rankChange"))
			.containsExactly("P86-2025 3 2", "P01 1 -1", "P04 2 -1", "P22 null null");
	}

	@Test
	void shouldRefuseRankChangesBetweenRoundsInTheWrongOrderOrMissing() {
		expectBadRequest(changesResponse("DTI", 2023, 2023, "PROVINCES", null), "fromYear");
		expectBadRequest(changesResponse("DTI", 2022, 2023, "MINISTRIES", null), "block");
		expectBadRequest(changesResponse("DTI", 2022, 2023, "PROVINCES", "NO_SUCH"), "category");
		expectNotFound(changesResponse("DTI", 2019, 2023, "PROVINCES", null),
				"No DTI round for 2019 (assessmentRounds lists the rounds; defineAssessmentRound creates one)");
	}

	@Test
	void shouldTellWhoImprovedMostInDti2023WithPublishedRanks() {
		// "Hà Nội tăng 18 bậc so với 2022": 24th in 2022, 6th in 2023, both published.
		List<Map<String, Object>> changes = changes("DTI", 2022, 2023, "PROVINCES", "RANK_CHANGE", "DESC");
		assertThat(changes).hasSize(63);
		assertThat(changes).filteredOn((n) -> code(n).equals("P01"))
			.singleElement()
			.satisfies((n) -> assertThat(n).containsEntry("fromRank", 24)
				.containsEntry("rank", 6)
				.containsEntry("rankChange", 18));
		List<Integer> values = changes.stream().map((n) -> (Integer) n.get("rankChange")).toList();
		assertThat(values).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
	}

	private List<Map<String, Object>> ranking(String framework, int year, String block) {
		return this.graphQl.documentName("assessment/ranking")
			.variable("framework", framework)
			.variable("year", year)
			.variable("block", block)
			.variable("first", 100)
			.execute()
			.path("ranking.edges[*].node")
			.entityList(MAP)
			.get();
	}

	private GraphQlTester.Response changesResponse(String framework, int from, int to, String block, String category) {
		return this.graphQl.documentName("assessment/rankChanges")
			.variable("framework", framework)
			.variable("fromYear", from)
			.variable("toYear", to)
			.variable("block", block)
			.variable("category", category)
			.execute();
	}

	private List<Map<String, Object>> changes(String framework, int from, int to, String block, String sortBy,
			String direction) {
		return this.graphQl.documentName("assessment/rankChanges")
			.variable("framework", framework)
			.variable("fromYear", from)
			.variable("toYear", to)
			.variable("block", block)
			.variable("sortBy", sortBy)
			.variable("direction", direction)
			.execute()
			.path("rankChanges")
			.entityList(MAP)
			.get();
	}

	private void define(String framework, int year, List<Map<String, Object>> categories) {
		Map<String, Object> input = new HashMap<>(Map.of("framework", framework, "year", year));
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

	private void imported(String framework, int year, String csv) {
		GraphQlTester.Response response = asAdmin().documentName("assessment/importAssessment")
			.variable("framework", framework)
			.variable("year", year)
			.variable("csv", csv)
			.execute();
		response.path("importAssessment.errors").entityList(MAP).hasSize(0);
		response.path("importAssessment.imported").entity(Boolean.class).isEqualTo(true);
	}

	private static String summary(Map<String, Object> n) {
		return code(n) + " " + n.get("rank") + " " + n.get("fromRank") + " " + n.get("rankChange") + " "
				+ n.get("score") + " " + n.get("fromScore") + " " + n.get("scoreChange") + " "
				+ codes(n.get("fromAgencies"));
	}

	private static int rankOf(List<Map<String, Object>> nodes, String code) {
		return nodes.stream()
			.filter((n) -> code(n).equals(code))
			.map((n) -> (Integer) n.get("rank"))
			.findFirst()
			.orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static String code(Map<String, Object> node) {
		return (String) ((Map<String, Object>) node.get("agency")).get("code");
	}

	@SuppressWarnings("unchecked")
	private static List<String> codes(Object agencies) {
		return ((List<Map<String, Object>>) agencies).stream().map((a) -> (String) a.get("code")).toList();
	}

}
