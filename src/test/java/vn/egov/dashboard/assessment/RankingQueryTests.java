package vn.egov.dashboard.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.demo.DemoAssessments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rankings, rounds and statistics on the demo data, through the GraphQL endpoint.
 */
class RankingQueryTests extends IntegrationTests {

	@Test
	void shouldPutDaNangFirstInDti2022ProvincesWithItsPublishedScore() {
		GraphQlTester.Response response = ranking("DTI", 2022, "PROVINCES", null, 3, null);
		response.path("ranking.totalCount").entity(Integer.class).isEqualTo(63);
		response.path("ranking.edges[0].node.agency.code").entity(String.class).isEqualTo("P48");
		response.path("ranking.edges[0].node.agency.name").entity(String.class).isEqualTo("Đà Nẵng");
		response.path("ranking.edges[0].node.rank").entity(Integer.class).isEqualTo(1);
		response.path("ranking.edges[0].node.score").entity(Double.class).isEqualTo(0.8002);
		response.path("ranking.edges[0].node.sample").entity(Boolean.class).isEqualTo(false);
		response.path("ranking.edges[0].node.publishedRank").entity(Integer.class).isEqualTo(1);
		response.path("ranking.edges[1].node.agency.code").entity(String.class).isEqualTo("P79");
		response.path("ranking.edges[1].node.score").entity(Double.class).isEqualTo(0.7163);
	}

	@Test
	void shouldRankPublishedTiesEquallyAndSkipTheNextRank() {
		// DTI 2022: Yên Bái and Thanh Hóa share rank 15 ("đồng hạng"); Hậu Giang is 17th.
		List<Map<String, Object>> nodes = nodes(page("DTI", 2022, "PROVINCES", null, 14, 5));
		assertThat(nodes)
			.extracting((n) -> agencyCode(n) + "#" + n.get("rank") + (Boolean.TRUE.equals(n.get("tied")) ? "=" : ""))
			.containsExactly("P15#15=", "P38#15=", "P93#17", "P26#18", "P74#19");
		assertThat(nodes.get(0).get("score")).isEqualTo(nodes.get(1).get("score"));
		// ICT_APPLICATION 2017: Thanh Hóa and Bà Rịa - Vũng Tàu both published 0.633 at
		// rank 17.
		List<Map<String, Object>> ict = nodes(page("ICT_APPLICATION", 2017, "PROVINCES", null, 16, 4));
		assertThat(ict).extracting((n) -> agencyCode(n) + "#" + n.get("rank") + "@" + n.get("score"))
			.containsExactly("P38#17@0.633", "P77#17@0.633", "P25#19@0.624", "P87#20@0.623");
	}

	@Test
	void shouldReproduceEveryPublishedRankWithTheSqlRanking() {
		// the demo rounds only: other tests import rounds after 2080
		String demo = "assessment_score s JOIN assessment_round r ON r.id = s.round_id";
		assertThat(count(demo, "r.year <= 2024 AND s.published_rank IS NOT NULL")).isEqualTo(322);
		assertThat(count(demo, "r.year <= 2024 AND NOT s.sample")).isEqualTo(163);
		assertThat(count("assessment_ranked", "year <= 2024 AND published_rank IS NOT NULL AND published_rank = rank"))
			.isEqualTo(322);
		assertThat(count("assessment_ranked", "year <= 2024")).isEqualTo(163 + 6052);
	}

	@Test
	void shouldGiveRankChangeAgainstThePreviousRound() {
		// "Hà Nội tăng 18 bậc so với 2022": 24th in DTI 2022, 6th in DTI 2023 (both
		// published ranks).
		List<Map<String, Object>> top = nodes(ranking("DTI", 2023, "PROVINCES", null, 6, null));
		Map<String, Object> hanoi = top.get(5);
		assertThat(agencyCode(hanoi)).isEqualTo("P01");
		assertThat(hanoi).containsEntry("rank", 6)
			.containsEntry("previousRank", 24)
			.containsEntry("rankChange", 18)
			.containsEntry("previousYear", 2022)
			.containsEntry("publishedRank", 6);
		// VIETNAM_ICT_INDEX has no 2021-2022 rounds: 2023 compares with 2020.
		Map<String, Object> first = nodes(ranking("VIETNAM_ICT_INDEX", 2023, "PROVINCES", null, 1, null)).get(0);
		assertThat(first).containsEntry("previousYear", 2020).containsEntry("rank", 1).containsEntry("rankChange", 0);
		// The first DTI round has nothing to compare with.
		Map<String, Object> dti2020 = nodes(ranking("DTI", 2020, "PROVINCES", null, 1, null)).get(0);
		assertThat(dti2020).containsEntry("rankChange", null).containsEntry("previousYear", null);
	}

	@Test
	void shouldRankACategoryByCodeOrVietnameseName() {
		for (String category : List.of("CHINH_QUYEN_SO", "Chính quyền số", "chính quyền số")) {
			List<Map<String, Object>> nodes = nodes(page("DTI", 2022, "PROVINCES", category, 28, 2));
			assertThat(agencyCode(nodes.get(0))).isEqualTo("P84");
			assertThat(nodes.get(0)).containsEntry("rank", 29)
				.containsEntry("score", 0.6683)
				.containsEntry("sample", false);
		}
	}

	@Test
	void shouldLabelGeneratedScoresAsSample() {
		Map<String, Object> node = nodes(page("DTI", 2022, "PROVINCES", null, 5, 1)).get(0);
		assertThat(node).containsEntry("rank", 6).containsEntry("publishedRank", 6).containsEntry("sample", true);
		assertThat(agencyCode(node)).isEqualTo("P20");
		assertThat((String) node.get("note")).startsWith(DemoAssessments.SAMPLE_SCORE_NOTE);
		assertThat((Double) node.get("score")).isBetween(0.6077, 0.6924);
	}

	@Test
	void shouldPageThroughAWholeRankingOnceInOrder() {
		List<String> seen = new ArrayList<>();
		List<Integer> ranks = new ArrayList<>();
		String after = null;
		boolean hasNext = true;
		while (hasNext) {
			GraphQlTester.Response response = ranking("DTI", 2024, "PROVINCES_POST_MERGER", null, 10, after);
			for (Map<String, Object> node : nodes(response)) {
				seen.add(agencyCode(node));
				ranks.add((Integer) node.get("rank"));
			}
			hasNext = response.path("ranking.pageInfo.hasNextPage").entity(Boolean.class).get();
			after = response.path("ranking.pageInfo.endCursor").entity(String.class).get();
		}
		assertThat(seen).hasSize(34)
			.doesNotHaveDuplicates()
			.startsWith("P01", "P46-2025", "P31-2025", "P79-2025", "P38");
		assertThat(ranks).isSorted();
	}

	@Test
	void shouldAnswerAnEmptyRankingForABlockTheRoundDidNotRank() {
		ranking("DTI", 2022, "PROVINCES_POST_MERGER", null, 5, null).path("ranking.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	void shouldRejectABlockTheFrameworkDoesNotUse() {
		this.graphQl.documentName("assessment/ranking")
			.variable("framework", "DTI")
			.variable("year", 2022)
			.variable("block", "MINISTRIES")
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST") && e.getMessage()
				.equals("block MINISTRIES is not used by DTI, which ranks MINISTRIES_WITH_PUBLIC_SERVICES, "
						+ "MINISTRIES_WITHOUT_PUBLIC_SERVICES, PROVINCES, PROVINCES_POST_MERGER, NATIONAL"))
			.verify();
	}

	@Test
	void shouldRejectAnUnknownCategoryAndRound() {
		this.graphQl.documentName("assessment/ranking")
			.variable("framework", "DTI")
			.variable("year", 2022)
			.variable("block", "PROVINCES")
			.variable("category", "Nope")
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST") && e.getMessage()
				.startsWith(
						"category 'Nope' is not a category of DTI 2022; use one of TOTAL (or empty), CHINH_QUYEN_SO (Chính quyền số)"))
			.verify();
		this.graphQl.documentName("assessment/ranking")
			.variable("framework", "DTI")
			.variable("year", 2019)
			.variable("block", "PROVINCES")
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("NOT_FOUND")
					&& e.getMessage().startsWith("No DTI round for 2019"))
			.verify();
	}

	@Test
	void shouldDescribeARoundWithItsMethodologyAndCounts() {
		this.graphQl.documentName("assessment/assessmentRound")
			.variable("framework", "ICT_APPLICATION")
			.variable("year", 2016)
			.execute()
			.path("assessmentRound.methodologyDocument.number")
			.entity(String.class)
			.isEqualTo("62/QĐ-BTTTT")
			.path("assessmentRound.methodologyDocument.issuedOn")
			.entity(String.class)
			.isEqualTo("2017-01-19")
			.path("assessmentRound.publishedScoreCount")
			.entity(Integer.class)
			.isEqualTo(0)
			.path("assessmentRound.blocks[*].block")
			.entityList(String.class)
			.containsExactly("PROVINCES", "MINISTRIES", "GOVERNMENT_AGENCIES");
		GraphQlTester.Response dti = this.graphQl.documentName("assessment/assessmentRound")
			.variable("framework", "DTI")
			.variable("year", 2024)
			.execute();
		dti.path("assessmentRound.publishedOn").entity(String.class).isEqualTo("2025-10-21");
		dti.path("assessmentRound.methodologyDocument").valueIsNull();
		assertThat(dti.path("assessmentRound.categories[*].code").entityList(String.class).get()).hasSize(12)
			.startsWith("TOTAL", "CHINH_QUYEN_SO");
		dti.path("assessmentRound.blocks[?(@.block == 'PROVINCES_POST_MERGER')].agencyCount")
			.entityList(Integer.class)
			.containsExactly(34);
		dti.path("assessmentRound.blocks[?(@.block == 'PROVINCES')].agencyCount")
			.entityList(Integer.class)
			.containsExactly(63);
		this.graphQl.documentName("assessment/assessmentRound")
			.variable("framework", "DTI")
			.variable("year", 2019)
			.execute()
			.path("assessmentRound")
			.valueIsNull();
	}

	@Test
	void shouldListFrameworksWithTheirRounds() {
		GraphQlTester.Response response = this.graphQl.documentName("assessment/assessmentFrameworks").execute();
		response.path("assessmentFrameworks[*].code")
			.entityList(String.class)
			.containsExactly("ICT_APPLICATION", "VIETNAM_ICT_INDEX", "DTI");
		assertThat(response.path("assessmentFrameworks[2].rounds[*].year").entityList(Integer.class).get())
			.startsWith(2020, 2021, 2022, 2023, 2024);
		response.path("assessmentFrameworks[1].blocks")
			.entityList(String.class)
			.containsExactly("MINISTRIES_AND_GOVERNMENT_AGENCIES", "PROVINCES");
	}

	@Test
	void shouldDescribeABlocksDistribution() {
		List<Map<String, Object>> stats = this.graphQl.documentName("assessment/blockStatistics")
			.variable("framework", "DTI")
			.variable("year", 2022)
			.variable("block", "PROVINCES")
			.execute()
			.path("blockStatistics")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(stats).hasSize(12);
		Map<String, Object> total = stats.get(0);
		assertThat(total).containsEntry("count", 63).containsEntry("max", 0.8002);
		assertThat((Integer) total.get("sampleCount")).isEqualTo(57);
		double q1 = (Double) total.get("q1");
		double median = (Double) total.get("median");
		double q3 = (Double) total.get("q3");
		assertThat(q1).isLessThan(median);
		assertThat(median).isLessThan(q3);
		assertThat(q3).isLessThan(0.8002);
	}

	private GraphQlTester.Response ranking(String framework, int year, String block, String category, Integer first,
			String after) {
		return this.graphQl.documentName("assessment/ranking")
			.variable("framework", framework)
			.variable("year", year)
			.variable("block", block)
			.variable("category", category)
			.variable("first", first)
			.variable("after", after)
			.execute();
	}

	/** A page of {@code first} entries after the first {@code skip} ones. */
	private GraphQlTester.Response page(String framework, int year, String block, String category, int skip,
			int first) {
		String after = ranking(framework, year, block, category, skip, null).path("ranking.pageInfo.endCursor")
			.entity(String.class)
			.get();
		return ranking(framework, year, block, category, first, after);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> nodes(GraphQlTester.Response response) {
		List<Map<String, Object>> edges = response.path("ranking.edges")
			.entityList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		return edges.stream().map((e) -> (Map<String, Object>) e.get("node")).toList();
	}

	@SuppressWarnings("unchecked")
	private static String agencyCode(Map<String, Object> node) {
		return (String) ((Map<String, Object>) node.get("agency")).get("code");
	}

}
