package vn.egov.dashboard.assessment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Agency.assessments}: a page of agencies, each with its own results of a round.
 */
class AgencyAssessmentsTests extends IntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Test
	void shouldGiveEveryAgencyOfAPageItsOwnScoresOfTheRound() {
		Map<String, List<Map<String, Object>>> byAgency = page("DTI", 2022);
		assertThat(byAgency).hasSize(100);
		// Đà Nẵng: first of the 63 provinces in DTI 2022 (published), in every one of the
		// round's 12 categories.
		List<Map<String, Object>> daNang = byAgency.get("P48");
		assertThat(daNang).singleElement().satisfies((round) -> {
			assertThat(round).containsEntry("framework", "DTI")
				.containsEntry("year", 2022)
				.containsEntry("block", "PROVINCES")
				.containsEntry("relation", "SELF");
			assertThat(round.get("total")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("score", 0.8002)
				.containsEntry("rank", 1)
				.containsEntry("blockSize", 63)
				.containsEntry("sample", false);
			assertThat((List<?>) round.get("scores")).hasSize(12)
				.first()
				.isEqualTo(Map.of("category", Map.of("code", "TOTAL"), "score", 0.8002, "rank", 1, "sample", false,
						"publishedRank", 1));
		});
		// Not ranked in DTI 2022: the province created by the 2025 merger, and the
		// Ministry of Public Security.
		assertThat(byAgency.get("P48-2025")).isEmpty();
		assertThat(byAgency.get("BCA")).isEmpty();
	}

	@Test
	void shouldNotIncludeTheAgenciesMergedIntoIt() {
		Map<String, List<Map<String, Object>>> byAgency = page("DTI", null);
		// New Phú Thọ was ranked once, after the merger; agencyScores would add P17, P25
		// and P26.
		assertThat(byAgency.get("P25-2025"))
			.extracting((r) -> r.get("year") + " " + r.get("block") + " " + r.get("relation"))
			.containsExactly("2024 PROVINCES_POST_MERGER SELF");
		// Old Phú Thọ: every DTI round, oldest first, each its own entry.
		assertThat(byAgency.get("P25")).extracting((r) -> r.get("year")).containsExactly(2020, 2021, 2022, 2023, 2024);
		assertThat(byAgency.get("P25")).allSatisfy((r) -> assertThat(r.get("agency")).isEqualTo(Map.of("code", "P25")));
	}

	@Test
	void shouldKeepTheRanksOfTheWholeBlockWhenAskedForAFewAgencies() {
		// The page holds only the first agencies by code, but ranks are computed over the
		// whole block.
		Map<String, Object> total = this.graphQl.documentName("assessment/agencyAssessments")
			.variable("first", 50)
			.variable("framework", "DTI")
			.variable("year", 2022)
			.execute()
			.path("agencies.edges[?(@.node.code == 'P22')].node.assessments[0].total")
			.entityList(MAP)
			.get()
			.get(0);
		// Quảng Ninh: third of 63 in DTI 2022.
		assertThat(total).containsEntry("rank", 3).containsEntry("blockSize", 63).containsEntry("publishedRank", 3);
	}

	@Test
	void shouldReadTheSameScoresWithoutRankingWhenNoRankIsAsked() {
		// Without rank fields the scores are read as stored, not ranked: the same rows in
		// the same order.
		List<Map<String, Object>> plain = this.graphQl.documentName("assessment/agencyAssessmentScores")
			.variable("first", 100)
			.variable("framework", "DTI")
			.variable("year", 2024)
			.execute()
			.path("agencies.edges[*].node")
			.entityList(MAP)
			.get();
		Map<String, List<Map<String, Object>>> ranked = page("DTI", 2024);
		assertThat(plain).hasSize(100);
		int scores = 0;
		for (Map<String, Object> node : plain) {
			List<Map<String, Object>> rounds = rounds(node.get("assessments"));
			List<Map<String, Object>> expected = ranked.get((String) node.get("code"));
			assertThat(rounds).extracting((r) -> r.get("block"))
				.isEqualTo(expected.stream().map((r) -> r.get("block")).toList());
			for (int i = 0; i < rounds.size(); i++) {
				List<Map<String, Object>> got = rounds(rounds.get(i).get("scores"));
				assertThat(got).isEqualTo(rounds(expected.get(i).get("scores")).stream().map((x) -> {
					Map<String, Object> unranked = new LinkedHashMap<>(x);
					unranked.remove("rank");
					return unranked;
				}).toList());
				scores += got.size();
			}
		}
		// DTI 2024 of the first 100 agencies by code: provinces' 12 categories,
		// ministries' totals
		assertThat(scores).isEqualTo(1039);
	}

	@Test
	void shouldRankWhenARankIsAskedThroughAFragmentUnderAnAlias() {
		// Đà Nẵng was first of 63 in DTI 2022; a read without ranking would answer 0 for
		// both.
		Map<String, Object> total = this.graphQl.documentName("assessment/agencyAssessmentsFragment")
			.variable("code", "P48")
			.execute()
			.path("agency.assessments[0].scores[0]")
			.entity(MAP)
			.get();
		assertThat(total).isEqualTo(Map.of("category", Map.of("code", "TOTAL"), "place", 1, "blockSize", 63));
	}

	private Map<String, List<Map<String, Object>>> page(String framework, Integer year) {
		// every score of every round of 100 agencies would outgrow the test client's
		// buffer: totals only then
		var request = this.graphQl.documentName("assessment/agencyAssessments")
			.variable("first", 100)
			.variable("framework", framework)
			.variable("withScores", year != null);
		if (year != null) {
			request = request.variable("year", year);
		}
		List<Map<String, Object>> nodes = request.execute().path("agencies.edges[*].node").entityList(MAP).get();
		return nodes.stream()
			.collect(Collectors.toMap((n) -> (String) n.get("code"), (n) -> rounds(n.get("assessments"))));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rounds(Object value) {
		return (List<Map<String, Object>>) value;
	}

}
