package vn.egov.dashboard.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dates, instants, numbers and text that cannot be what they claim are refused before
 * anything runs, with a BAD_REQUEST naming the argument or input field, in literals and
 * in variables alike; nothing is rewritten and nothing is written (issue 18, items 1 and
 * 10).
 */
class InputValueTests extends IntegrationTests {

	private static final String FAR = "+999999999-12-31T23:59:59Z";

	@Test
	void shouldRefuseAnInstantOutsideTheSupportedRangeForEveryGranularity() {
		// gh-18: answered HTTP 500 (DateTimeException in Granularity.start).
		for (String granularity : List.of("MINUTE", "HOUR", "DAY", "WEEK", "MONTH")) {
			String query = "{ traffic(siteCode: \"CDSQG\", from: \"2024-01-01T00:00:00Z\", to: \"" + FAR
					+ "\", granularity: " + granularity + ") { views } }";
			http(Map.of("query", query)).expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.errors.length()")
				.isEqualTo(1)
				.jsonPath("$.errors[0].extensions.classification")
				.isEqualTo("BAD_REQUEST")
				.jsonPath("$.errors[0].extensions.field")
				.isEqualTo("to")
				.jsonPath("$.errors[0].message")
				.isEqualTo("to must be an instant from 1900-01-01T00:00:00Z to 2199-12-31T23:59:59.999999999Z, written "
						+ "yyyy-MM-ddTHH:mm:ss[.fraction] with Z or an offset ±hh:mm (RFC 3339), was '" + FAR + "'");
		}
		expectBadRequest(this.graphQl
			.document("query($to: DateTime!) { traffic(siteCode: \"CDSQG\","
					+ " from: \"2024-01-01T00:00:00Z\", to: $to, granularity: DAY) { views } }")
			.variable("to", FAR)
			.execute(), "to");
	}

	@Test
	void shouldRefuseAnInstantOutsideTheSupportedRangeAsALiteralAndAsAVariable() {
		// gh-18: answered INTERNAL_ERROR.
		expectBadRequest(
				this.graphQl.document("{ siteStats(siteCode: \"CDSQG\", asOf: \"" + FAR + "\") { totalVisits } }")
					.execute(),
				"asOf");
		for (String asOf : List.of(FAR, "1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2199-12-31T23:00:00-05:00",
				"2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00Z", "2024-01-01", "now", "")) {
			expectBadRequest(this.graphQl.documentName("traffic/siteStats")
				.variable("siteCode", "CDSQG")
				.variable("asOf", asOf)
				.execute(), "asOf");
		}
		expectBadRequest(this.graphQl.documentName("traffic/siteStats")
			.variable("siteCode", "CDSQG")
			.variable("asOf", 20240101)
			.execute(), "asOf");
	}

	@Test
	void shouldAnswerInstantsAndDatesAtTheEdgesOfTheRange() {
		for (String asOf : List.of("1900-01-01T00:00:00Z", "2199-12-31T23:59:59.999999999Z",
				"2200-01-01T06:59:59+07:00", "2024-02-29T12:00:00.5+07:00")) {
			this.graphQl.documentName("traffic/siteStats")
				.variable("siteCode", "CDSQG")
				.variable("asOf", asOf)
				.execute()
				.path("siteStats.site.code")
				.entity(String.class)
				.isEqualTo("CDSQG");
		}
		for (String asOf : List.of("1900-01-01", "2199-12-31", "2024-02-29")) {
			this.graphQl.document("query($d: Date) { agencies(filter: {asOf: $d}) { totalCount } }")
				.variable("d", asOf)
				.execute()
				.path("agencies.totalCount")
				.hasValue();
		}
	}

	@Test
	void shouldRefuseADayThatDoesNotExistRatherThanRoundIt() {
		expectBadRequest(this.graphQl.document("{ agencies(filter: {asOf: \"2024-02-30\"}) { totalCount } }").execute(),
				"asOf");
		expectBadRequest(this.graphQl.document("query($f: AgencyFilter) { agencies(filter: $f) { totalCount } }")
			.variable("f", Map.of("asOf", "2023-02-29"))
			.execute(), "asOf");
		for (String date : List.of("+999999999-12-31", "1899-12-31", "2200-01-01", "2024-1-01", "24-01-01",
				"2024-01-01T00:00:00Z", "2024/01/01", " 2024-01-01")) {
			expectBadRequest(this.graphQl.document("query($d: Date) { agencies(filter: {asOf: $d}) { totalCount } }")
				.variable("d", date)
				.execute(), "asOf");
		}
	}

	@Test
	void shouldRefuseAnImpossibleOrEndlessDueDateAndWriteNothing() {
		// gh-18: 2026-02-30 was stored as 2026-02-28, +999999999-12-31 as PostgreSQL's
		// infinity.
		long plans = count("plan", "true");
		for (String dueOn : List.of("2026-02-30", "+999999999-12-31", "0000-01-01")) {
			expectBadRequest(asEditorOf("P01").documentName("plan/createPlan")
				.variable("input", plan("Kế hoạch hạn " + dueOn, dueOn))
				.execute(), "dueOn");
		}
		expectBadRequest(asEditorOf("P01").document("mutation { createPlan(input: {agencyCode: \"P01\", kind: ANNUAL,"
				+ " title: \"Kế hoạch ngày 30/02\", periodStart: 2026, periodEnd: 2026, dueOn: \"2026-02-30\"}) { id } }")
			.execute(), "dueOn");
		assertThat(count("plan", "true")).isEqualTo(plans);
		// The edge of the range is a date like any other.
		asEditorOf("P01").documentName("plan/createPlan")
			.variable("input", plan("Kế hoạch đến cuối phạm vi", "2199-12-31"))
			.execute()
			.path("createPlan.dueOn")
			.entity(String.class)
			.isEqualTo("2199-12-31");
	}

	@Test
	void shouldRefuseTextThatCannotBeStoredAndWriteNothing() {
		// gh-18: a lone surrogate was stored as '?'.
		long plans = count("plan", "true");
		expectBadRequest(asEditorOf("P01").documentName("plan/createPlan")
			.variable("input", plan("Kế hoạch \uD800 số", null))
			.execute(), "title");
		expectBadRequest(asEditorOf("P01").documentName("plan/createPlan")
			.variable("input", plan("Kế hoạch \uDC00", null))
			.execute(), "title");
		expectBadRequest(asEditorOf("P01").documentName("plan/createPlan")
			.variable("input", plan("Kế hoạch \u0000", null))
			.execute(), "title");
		expectBadRequest(asEditorOf("P01")
			.document("mutation { createPlan(input: {agencyCode: \"P01\", kind: ANNUAL,"
					+ " title: \"Kế hoạch \\u0000\", periodStart: 2026, periodEnd: 2026}) { id } }")
			.execute(), "title");
		// In the document itself a lone surrogate, raw or escaped, is not GraphQL: the
		// parser refuses it.
		for (String title : List.of("\uD800", "\\uD800", "\\u{DC00}")) {
			asEditorOf("P01")
				.document("mutation { createPlan(input: {agencyCode: \"P01\", kind: ANNUAL, title: \"" + title
						+ "\", periodStart: 2026, periodEnd: 2026}) { id } }")
				.execute()
				.errors()
				.expect((error) -> error.getErrorType().toString().equals("InvalidSyntax"))
				.verify();
		}
		assertThat(count("plan", "true")).isEqualTo(plans);
		// A pair of surrogates is one character (U+1D565), and is stored as it is.
		asEditorOf("P01").documentName("plan/createPlan")
			.variable("input", plan("Kế hoạch 𝕥", null))
			.execute()
			.path("createPlan.title")
			.entity(String.class)
			.isEqualTo("Kế hoạch 𝕥");
	}

	@Test
	void shouldRejectBeaconTextThatCannotBeStoredRatherThanRewriteIt() {
		// The beacon checks its hits itself (they are not GraphQL arguments): a lone
		// surrogate in a path was stored as '?'.
		List<Map<String, Object>> hits = List.of(Map.of("site", "CDSQG", "path", "/kiem-thu-\uD800"),
				Map.of("site", "CDSQG", "path", "/kiem-thu-tieu-de", "title", "Bài \uDC00 viết"),
				Map.of("site", "CDSQG", "path", "/kiem-thu-khach", "visitorId", "v\uD800"),
				Map.of("site", "CDSQG", "path", "/kiem-thu-nul", "title", "Bài\u0000"));
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/api/hits")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(hits)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.accepted")
			.isEqualTo(0)
			.jsonPath("$.rejections[*].field")
			.isEqualTo(List.of("path", "title", "visitorId", "title"))
			.jsonPath("$.rejections[0].reason")
			.isEqualTo("must be valid Unicode text: character 11 is an unpaired surrogate (U+D800)");
	}

	@Test
	void shouldNameTheArgumentOfANumberTooLargeForItsType() {
		expectBadRequest(
				this.graphQl.document("{ assessmentRound(framework: DTI, year: 99999999999) { year } }").execute(),
				"year");
		expectBadRequest(this.graphQl.document("query($y: Int!) { assessmentRound(framework: DTI, year: $y) { year } }")
			.variable("y", 99999999999L)
			.execute(), "year");
		expectBadRequest(this.graphQl.document("query($y: Int!) { assessmentRound(framework: DTI, year: $y) { year } }")
			.variable("y", "2024")
			.execute(), "year");
		expectBadRequest(this.graphQl.document("{ assessmentRound(framework: NOPE, year: 2024) { year } }").execute(),
				"framework");
	}

	private static Map<String, Object> plan(String title, String dueOn) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("agencyCode", "P01");
		input.put("kind", "ANNUAL");
		input.put("title", title);
		input.put("periodStart", 2026);
		input.put("periodEnd", 2026);
		if (dueOn != null) {
			input.put("dueOn", dueOn);
		}
		return input;
	}

	private WebTestClient.ResponseSpec http(Map<String, Object> body) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

}
