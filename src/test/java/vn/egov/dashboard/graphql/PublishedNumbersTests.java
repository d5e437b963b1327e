package vn.egov.dashboard.graphql;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers and instants as clients read them, in the bytes of the answer: counters as
 * whole numbers ({@code Long}), decimals without binary noise, every {@code DateTime} at
 * +07:00.
 */
class PublishedNumbersTests extends IntegrationTests {

	@Test
	void shouldWriteCountersAsWholeNumbers() {
		String body = post("{ siteStats(siteCode: \"CDSQG\", asOf: \"2025-11-20T10:00:00+07:00\") { totalVisits } "
				+ "sites { code visitOffset readings { totalVisits } } }");
		assertThat(body).contains("\"totalVisits\":20102841")
			.contains("\"totalVisits\":19817961")
			.doesNotContain("E7")
			.doesNotContainPattern("\"(totalVisits|visitOffset)\":-?\\d+\\.");
	}

	@Test
	void shouldWriteProgressAsTheDecimalsItIsMadeOf() {
		String body = post("{ targets(filter: {scope: NATIONAL}) { code national(asOf: \"2025-12-31\") "
				+ "{ latestValue gap percentOfWay projectedValue } } }");
		// 100 - 97.3 and 80 - 70.8 were 2.700000000000003 and 9.200000000000003.
		assertThat(node(body, "QD942-01")).contains("\"gap\":2.7,");
		assertThat(node(body, "NQ76-05")).contains("\"gap\":9.2,");
		// rank 71 against 70 from 89: 94.73684210526315 % of the way, given to 1 decimal
		assertThat(node(body, "QD749-06")).contains("\"percentOfWay\":94.7,");
		assertThat(decimals(body)).allSatisfy((number) -> assertThat(number.length()).as(number).isLessThan(10));
	}

	@Test
	void shouldWriteStatisticsToTheSixDecimalsOfAScore() {
		String body = post("{ blockStatistics(framework: DTI, year: 2024, block: PROVINCES) "
				+ "{ mean q1 median q3 interquartileRange standardDeviation } }");
		List<String> numbers = decimals(body);
		assertThat(numbers).hasSizeGreaterThan(50)
			.allSatisfy((n) -> assertThat(n.substring(n.indexOf('.') + 1).length()).as(n).isLessThanOrEqualTo(6));
	}

	@Test
	void shouldWriteEveryInstantAtVietnamTime() {
		String body = post("{ sites { countingFrom sampleFrom sampleUntil readings { readAt } } "
				+ "polls { edges { node { opensAt closesAt } } } "
				+ "siteStats(siteCode: \"CDSQG\", asOf: \"2025-11-20T03:00:00Z\") { asOf } }");
		Matcher instants = Pattern.compile("\"(\\d{4}-\\d{2}-\\d{2}T[^\"]+)\"").matcher(body);
		int count = 0;
		while (instants.find()) {
			assertThat(instants.group(1)).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+07:00");
			count++;
		}
		assertThat(count).isGreaterThan(4);
		assertThat(body).contains("\"asOf\":\"2025-11-20T10:00:00.000+07:00\"");
	}

	private String post(String query) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", query))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/** The text of the target {@code code}'s object in the answer. */
	private static String node(String body, String code) {
		int start = body.indexOf("\"code\":\"" + code + "\"");
		assertThat(start).as(code).isNotNegative();
		return body.substring(start, body.indexOf('}', start) + 1);
	}

	/** Every number with a decimal point in the answer, as written. */
	private static List<String> decimals(String body) {
		return Pattern.compile("(?<=[:\\[,])-?\\d+\\.\\d+(?:[eE][-+]?\\d+)?")
			.matcher(body)
			.results()
			.map((m) -> m.group())
			.toList();
	}

}
