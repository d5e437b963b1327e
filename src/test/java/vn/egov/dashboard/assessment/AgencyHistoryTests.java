package vn.egov.dashboard.assessment;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agency's history across rounds, including the provinces merged into it in 2025, and
 * agencies side by side.
 */
class AgencyHistoryTests extends IntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Test
	void shouldReachTheHistoryOfTheProvincesMergedIntoNewPhuTho() {
		List<Map<String, Object>> rounds = history("P25-2025", "DTI", null);
		// DTI 2020-2024 ranked P17 Hòa Bình, P25 Phú Thọ and P26 Vĩnh Phúc; DTI 2024 also
		// ranked P25-2025 after the merger.
		assertThat(rounds)
			.extracting((r) -> r.get("year") + " " + agency(r) + " " + r.get("relation") + " " + r.get("block"))
			.containsExactly("2020 P17 PREDECESSOR PROVINCES", "2020 P25 PREDECESSOR PROVINCES",
					"2020 P26 PREDECESSOR PROVINCES", "2021 P17 PREDECESSOR PROVINCES",
					"2021 P25 PREDECESSOR PROVINCES", "2021 P26 PREDECESSOR PROVINCES",
					"2022 P17 PREDECESSOR PROVINCES", "2022 P25 PREDECESSOR PROVINCES",
					"2022 P26 PREDECESSOR PROVINCES", "2023 P17 PREDECESSOR PROVINCES",
					"2023 P25 PREDECESSOR PROVINCES", "2023 P26 PREDECESSOR PROVINCES",
					"2024 P25-2025 SELF PROVINCES_POST_MERGER", "2024 P17 PREDECESSOR PROVINCES",
					"2024 P25 PREDECESSOR PROVINCES", "2024 P26 PREDECESSOR PROVINCES");
		Map<String, Object> hoaBinh2022 = rounds.get(6);
		assertThat(name(hoaBinh2022)).isEqualTo("Hòa Bình");
		assertThat(total(hoaBinh2022)).containsEntry("rank", 42)
			.containsEntry("publishedRank", 42)
			.containsEntry("blockSize", 63)
			.containsEntry("sample", true);
		Map<String, Object> phuTho2022 = rounds.get(7);
		assertThat(total(phuTho2022)).containsEntry("rank", 23).containsEntry("publishedRank", 23);
		assertThat(total(phuTho2022).get("rankChange")).isNotNull();
		// every category of the round, the total first
		assertThat((List<?>) phuTho2022.get("scores")).hasSize(12);
	}

	@Test
	void shouldShowOnlyTheAgencysOwnRowsWithoutPredecessors() {
		assertThat(history("P25-2025", null, false))
			.extracting((r) -> r.get("year") + " " + agency(r) + " " + r.get("relation"))
			.containsExactly("2024 P25-2025 SELF");
		// Huế (P46-2025) continues Thừa Thiên Huế (P46), ranked by every framework since
		// 2016.
		List<Map<String, Object>> hue = history("P46-2025", null, null);
		assertThat(hue).extracting((r) -> r.get("framework") + " " + r.get("year") + " " + agency(r))
			.contains("ICT_APPLICATION 2017 P46", "VIETNAM_ICT_INDEX 2019 P46", "DTI 2024 P46-2025", "DTI 2024 P46");
		Map<String, Object> ict2017 = hue.stream()
			.filter((r) -> r.get("framework").equals("ICT_APPLICATION") && r.get("year").equals(2017))
			.findFirst()
			.orElseThrow();
		assertThat(total(ict2017)).containsEntry("score", 0.727)
			.containsEntry("rank", 1)
			.containsEntry("sample", false);
	}

	@Test
	void shouldAnswerNotFoundForAnUnknownAgency() {
		this.graphQl.documentName("assessment/agencyScores")
			.variable("agencyCode", "NOPE")
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("NOT_FOUND")
					&& e.getMessage().equals("No agency with code 'NOPE'"))
			.verify();
	}

	@Test
	void shouldCompareAgenciesSideBySideAcrossYears() {
		GraphQlTester.Response response = this.graphQl.documentName("assessment/compareAgencies")
			.variable("agencyCodes", List.of("P48", "P01", "P46-2025"))
			.variable("framework", "DTI")
			.variable("toYear", 2024) // other tests import rounds after 2080
			.execute();
		response.path("compareAgencies.years").entityList(Integer.class).containsExactly(2020, 2021, 2022, 2023, 2024);
		response.path("compareAgencies.category").entity(String.class).isEqualTo("TOTAL");
		response.path("compareAgencies.rows[*].agency.code")
			.entityList(String.class)
			.containsExactly("P48", "P01", "P46-2025");
		response.path("compareAgencies.rows[0].cells[*].rank").entityList(Integer.class).containsExactly(1, 1, 1, 1, 2);
		response.path("compareAgencies.rows[0].cells[2].score").entity(Double.class).isEqualTo(0.8002);
		// Hà Nội in 2024 is in both rankings: the comparison shows the regular
		// (63-province) one
		response.path("compareAgencies.rows[1].cells[4].block").entity(String.class).isEqualTo("PROVINCES");
		response.path("compareAgencies.rows[1].cells[4].rank").entity(Integer.class).isEqualTo(4);
		// Huế as a 2025 unit was only ranked in the 2024 post-merger table
		response.path("compareAgencies.rows[2].cells[0]").valueIsNull();
		response.path("compareAgencies.rows[2].cells[4].block").entity(String.class).isEqualTo("PROVINCES_POST_MERGER");
		response.path("compareAgencies.rows[2].cells[4].score").entity(Double.class).isEqualTo(0.7951);
	}

	@Test
	void shouldCompareACategoryWithinAYearRange() {
		this.graphQl.documentName("assessment/compareAgencies")
			.variable("agencyCodes", List.of("P27"))
			.variable("framework", "DTI")
			.variable("category", "Kinh tế số")
			.variable("fromYear", 2020)
			.variable("toYear", 2021)
			.execute()
			.path("compareAgencies.category")
			.entity(String.class)
			.isEqualTo("KINH_TE_SO")
			.path("compareAgencies.years")
			.entityList(Integer.class)
			.containsExactly(2020, 2021)
			.path("compareAgencies.rows[0].cells[0].score")
			.entity(Double.class)
			.isEqualTo(0.3668)
			.path("compareAgencies.rows[0].cells[0].rank")
			.entity(Integer.class)
			.isEqualTo(2);
		this.graphQl.documentName("assessment/compareAgencies")
			.variable("agencyCodes", List.of("P27", "NOPE"))
			.variable("framework", "DTI")
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("NOT_FOUND")
					&& e.getMessage().equals("No agency with code 'NOPE'"))
			.verify();
	}

	private List<Map<String, Object>> history(String code, String framework, Boolean includePredecessors) {
		return this.graphQl.documentName("assessment/agencyScores")
			.variable("agencyCode", code)
			.variable("framework", framework)
			.variable("includePredecessors", includePredecessors)
			.execute()
			.path("agencyScores")
			.entityList(MAP)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static String agency(Map<String, Object> round) {
		return (String) ((Map<String, Object>) round.get("agency")).get("code");
	}

	@SuppressWarnings("unchecked")
	private static String name(Map<String, Object> round) {
		return (String) ((Map<String, Object>) round.get("agency")).get("name");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> total(Map<String, Object> round) {
		return (Map<String, Object>) round.get("total");
	}

}
