package vn.egov.dashboard.progress;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording and correcting measurements. Each test writes its own indicator × agency
 * pairs.
 */
class MeasurementMutationTests extends IntegrationTests {

	@Test
	void shouldKeepTheOldValueWhenCorrecting() {
		String id = record("ONLINE_PAYMENT_PROCEDURES", "P56", "2023-12-31", 40.0).path("recordMeasurement.corrected")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("recordMeasurement.id")
			.entity(String.class)
			.get();
		correct(id, 45.5).path("correctMeasurement.value")
			.entity(Double.class)
			.isEqualTo(45.5)
			.path("correctMeasurement.corrected")
			.entity(Boolean.class)
			.isEqualTo(false)
			.path("correctMeasurement.corrects.id")
			.entity(String.class)
			.isEqualTo(id)
			.path("correctMeasurement.corrects.value")
			.entity(Double.class)
			.isEqualTo(40.0)
			.path("correctMeasurement.corrects.corrected")
			.entity(Boolean.class)
			.isEqualTo(true);
		measurements("ONLINE_PAYMENT_PROCEDURES", "P56", false).path("measurements.edges[*].node.value")
			.entityList(Double.class)
			.containsExactly(45.5);
		measurements("ONLINE_PAYMENT_PROCEDURES", "P56", true).path("measurements.edges[*].node.value")
			.entityList(Double.class)
			.satisfies((list) -> assertThat(list).containsExactlyInAnyOrder(45.5, 40.0));
		// The replaced value cannot be corrected again: the newer one must be.
		expectBadRequest(correct(id, 50.0), "id");
	}

	@Test
	void shouldRejectBadValuesWithATypedErrorAndWriteNothing() {
		expectBadRequest(record("RECORDS_ELECTRONIC", "P64", "2023-12-31", 100.5), "value");
		expectBadRequest(record("RECORDS_ELECTRONIC", "P64", "2023-12-31", -0.1), "value");
		expectBadRequest(record("UN_EGDI_RANK", "VN", "2024-12-31", 71.5), "value");
		expectBadRequest(record("RECORDS_ELECTRONIC", "P64", tomorrow(), 50), "period");
		// Phú Thọ as merged in 2025 did not exist in 2020.
		expectBadRequest(record("RECORDS_ELECTRONIC", "P25-2025", "2020-12-31", 50), "period");
		expectBadRequest(asAdmin().documentName("progress/recordMeasurement")
			.variable("input",
					Map.of("indicatorCode", "RECORDS_ELECTRONIC", "agencyCode", "P64", "period", "2023-12-31", "value",
							50, "source", " "))
			.execute(), "source");
		expectNotFound(record("NO_SUCH_INDICATOR", "P64", "2023-12-31", 50),
				"No indicator with code 'NO_SUCH_INDICATOR'");
		expectNotFound(record("RECORDS_ELECTRONIC", "P00", "2023-12-31", 50), "No agency with code 'P00'");
		measurements("RECORDS_ELECTRONIC", "P64", true).path("measurements.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
		measurements("RECORDS_ELECTRONIC", "P25-2025", true).path("measurements.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	void shouldRefuseASecondValueForTheSamePeriod() {
		record("SERVICES_WITH_QA", "P66", "2022-12-31", 30).path("recordMeasurement.value")
			.entity(Double.class)
			.isEqualTo(30.0);
		expectBadRequest(record("SERVICES_WITH_QA", "P66", "2022-12-31", 31), "period");
		measurements("SERVICES_WITH_QA", "P66", true).path("measurements.totalCount")
			.entity(Integer.class)
			.isEqualTo(1);
	}

	@Test
	void shouldKeepExactlyOneValueUnderConcurrentRecordsAndCorrections() {
		var client = reactiveAdminClient();
		Flux.range(1, 10)
			.flatMap((i) -> client.documentName("progress/recordMeasurement")
				.variable("input", input("PROCEDURES_CUT", "P67", "2023-12-31", i))
				.execute())
			.filter((response) -> response.getErrors().isEmpty())
			.count()
			.as(StepVerifier::create)
			.expectNext(1L)
			.verifyComplete();
		String id = measurements("PROCEDURES_CUT", "P67", false).path("measurements.edges[0].node.id")
			.entity(String.class)
			.get();
		Flux.range(1, 10)
			.flatMap((i) -> client.documentName("progress/correctMeasurement")
				.variable("input", Map.of("id", id, "value", 20 + i, "source", "Báo cáo hiệu chỉnh " + i))
				.execute())
			.filter((response) -> response.getErrors().isEmpty())
			.count()
			.as(StepVerifier::create)
			.expectNext(1L)
			.verifyComplete();
		measurements("PROCEDURES_CUT", "P67", false).path("measurements.totalCount").entity(Integer.class).isEqualTo(1);
		measurements("PROCEDURES_CUT", "P67", true).path("measurements.totalCount").entity(Integer.class).isEqualTo(2);
	}

	private GraphQlTester.Response record(String indicator, String agency, String period, double value) {
		return asAdmin().documentName("progress/recordMeasurement")
			.variable("input", input(indicator, agency, period, value))
			.execute();
	}

	private static Map<String, Object> input(String indicator, String agency, String period, double value) {
		return Map.of("indicatorCode", indicator, "agencyCode", agency, "period", period, "value", value, "source",
				"Báo cáo của Sở TTTT (test)");
	}

	private GraphQlTester.Response correct(String id, double value) {
		return asAdmin().documentName("progress/correctMeasurement")
			.variable("input", Map.of("id", id, "value", value, "source", "Số liệu hiệu chỉnh (test)"))
			.execute();
	}

	private GraphQlTester.Response measurements(String indicator, String agency, boolean includeCorrected) {
		return this.graphQl.documentName("progress/measurements")
			.variable("indicatorCode", indicator)
			.variable("agencyCode", agency)
			.variable("includeCorrected", includeCorrected)
			.execute();
	}

	private static String tomorrow() {
		return LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1).toString();
	}

}
