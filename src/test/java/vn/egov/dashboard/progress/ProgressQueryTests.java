package vn.egov.dashboard.progress;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress toward targets, computed from known values. The national target QD749-15 (100%
 * of communes covered by fibre by 2025) has no demo values, so this test's own values are
 * the only ones; the country itself (VN) has no figure and is listed as NO_DATA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressQueryTests extends IntegrationTests {

	@BeforeAll
	void recordKnownValues() {
		record("P01", "2022-12-31", 100); // achieved
		record("P79", "2022-12-31", 60);
		record("P79", "2023-12-31", 80); // +20 a year: 100 by 2025
		record("P92", "2022-12-31", 80);
		record("P92", "2023-12-31", 85); // +5 a year: 95 by 2025, 5 short
		record("P48", "2022-12-31", 70);
		record("P48", "2023-12-31", 75); // +5 a year: 85 by 2025, 15 short
	}

	@Test
	void shouldClassifyEveryAgencyByItsTrend() {
		GraphQlTester.Response response = progress("2024-06-30");
		response.path("targets[0].code").entity(String.class).isEqualTo("QD749-15");
		response.path("targets[0].sourceDocument.number").entity(String.class).isEqualTo("749/QĐ-TTg");
		assertThat(statuses(response)).containsExactly(Map.entry("P48", "OFF_TRACK"), Map.entry("P92", "AT_RISK"),
				Map.entry("P79", "ON_TRACK"), Map.entry("P01", "ACHIEVED"), Map.entry("VN", "NO_DATA"));
		response.path("targets[0].summary")
			.entity(Map.class)
			.isEqualTo(Map.of("agencies", 5, "achieved", 1, "onTrack", 1, "atRisk", 1, "offTrack", 1, "missed", 0,
					"noData", 1, "sample", false));
		response.path("targets[0].progress[0].gap").entity(Double.class).isEqualTo(25.0);
		response.path("targets[0].progress[0].projectedValue")
			.entity(Double.class)
			.satisfies((v) -> assertThat(v).isCloseTo(85.0, org.assertj.core.data.Offset.offset(0.1)));
	}

	@Test
	void shouldUseOnlyValuesKnownAtTheAsOfDate() {
		// On 2023-06-30 only the 2022 values exist: no trend, each value is its own
		// projection.
		assertThat(statuses(progress("2023-06-30"))).containsExactly(Map.entry("P79", "OFF_TRACK"),
				Map.entry("P48", "OFF_TRACK"), Map.entry("P92", "OFF_TRACK"), Map.entry("P01", "ACHIEVED"),
				Map.entry("VN", "NO_DATA"));
	}

	@Test
	void shouldMarkEveryoneShortOfTheTargetMissedOnceTheDeadlineHasPassed() {
		assertThat(statuses(progress("2026-01-01")).values()).containsExactly("MISSED", "MISSED", "MISSED", "ACHIEVED",
				"NO_DATA");
	}

	@Test
	void shouldShowHoaBinhsOwnPlanTargets() {
		GraphQlTester.Response response = this.graphQl.documentName("progress/targetProgress")
			.variable("filter", Map.of("agencyCode", "P17"))
			.variable("asOf", "2017-12-31")
			.execute();
		response.path("targets[*].code").entityList(String.class).containsExactly("HB2017-01", "HB2017-02");
		response.path("targets[*].value").entityList(Double.class).containsExactly(80.0, 60.0);
		response.path("targets[*].scope")
			.entityList(String.class)
			.satisfies((list) -> assertThat(list).containsOnly("AGENCY"));
		response.path("targets[*].plan.title")
			.entityList(String.class)
			.satisfies((list) -> assertThat(list)
				.containsOnly("Kế hoạch ứng dụng CNTT trong hoạt động của cơ quan nhà nước năm 2017"));
		response.path("targets[*].progress[*].agency.code")
			.entityList(String.class)
			.satisfies((list) -> assertThat(list).containsOnly("P17"));
	}

	private GraphQlTester.Response progress(String asOf) {
		return this.graphQl.documentName("progress/targetProgress")
			.variable("filter", Map.of("indicatorCode", "FIBRE_COMMUNE_COVERAGE"))
			.variable("asOf", asOf)
			.execute();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> statuses(GraphQlTester.Response response) {
		List<Map<String, Object>> rows = response.path("targets[0].progress")
			.entityList(Map.class)
			.get()
			.stream()
			.map((m) -> (Map<String, Object>) m)
			.toList();
		Map<String, String> result = new java.util.LinkedHashMap<>();
		rows.forEach((row) -> result.put((String) ((Map<String, Object>) row.get("agency")).get("code"),
				(String) row.get("status")));
		return result;
	}

	private void record(String agency, String period, double value) {
		asAdmin().documentName("progress/recordMeasurement")
			.variable("input",
					Map.of("indicatorCode", "FIBRE_COMMUNE_COVERAGE", "agencyCode", agency, "period", period, "value",
							value, "source", "Báo cáo kiểm thử (test)"))
			.execute()
			.path("recordMeasurement.id")
			.hasValue();
	}

}
