package vn.egov.dashboard.graphql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every String and ID argument of every Query field, found in the schema and asked by an
 * ADMIN (also inside input objects and lists), gets hostile text: SQL meta-characters,
 * LIKE wildcards, backslashes, NUL, unicode oddities and 100,000-character strings. Every
 * answer must be harmless: HTTP 200 with JSON, errors (if any) only BAD_REQUEST or
 * NOT_FOUND with no trace of Java, SQL or the driver, and every table still intact.
 */
class HostileInputTests extends IntegrationTests {

	private static final List<String> HOSTILE = List.of("'; DROP TABLE agency; --", "' OR '1'='1", "%", "_", "\\",
			"\\'", "\"", "$1", ":code", "\u0000", "P17\u0000", "\u202Egnp.exe", "\uFEFF", "Ha\u0300 Noi\u0302",
			"𝔥𝔬𝔞 😀", "\t\n\r", " ", "-1", "9223372036854775808", "\uD800x", "x".repeat(100_000),
			"%_\\".repeat(33_334));

	/**
	 * Words that only a leak would put in an answer (the hostile text itself is removed
	 * before looking).
	 */
	/** The scalars that carry text: hostile strings go into each of their slots. */
	private static final Set<String> TEXT = Set.of("String", "ID");

	private static final List<String> LEAKS = List.of("Exception", "exception", "java.", "vn.egov", "springframework",
			"r2dbc", "R2dbc", "SQLSTATE", "syntax error", "SELECT ", " FROM ", "postgres", "PostgreSQL", "\tat ");

	private static final List<String> TABLES = List.of("agency", "legal_document", "plan", "target", "measurement",
			"assessment_score", "poll", "poll_option", "site", "page");

	@Autowired
	private JsonMapper json;

	@Test
	void shouldAnswerHostileTextInEveryStringArgumentHarmlessly() {
		Map<String, Long> rows = rows();
		// Signed in as an ADMIN, so that admin-only fields (auditLog, apiKeys) run with
		// the hostile text too.
		WebClient client = WebClient.builder()
			.baseUrl("http://localhost:" + this.port + "/graphql")
			.defaultHeaders((headers) -> headers.setBearerAuth(TestTokens.token("hostile-admin", Role.ADMIN, null)))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
		int requests = 0;
		List<String> problems = new ArrayList<>();
		for (ArgumentSlots slot : ArgumentSlots.all(Set.of())) {
			if (!slot.operation().equals("query") || !TEXT.contains(slot.type())) {
				continue;
			}
			for (String value : HOSTILE) {
				Map<String, Object> body = slot.request(value, false);
				var response = client.post()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(body)
					.exchangeToMono(
							(r) -> r.bodyToMono(String.class).map((text) -> Map.entry(r.statusCode().value(), text)))
					.block(Duration.ofSeconds(30));
				requests++;
				String problem = problem(response.getKey(), response.getValue(), value);
				if (problem != null) {
					problems.add(slot + " = " + preview(value) + ": " + problem);
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(requests).as("requests sent").isGreaterThan(30 * HOSTILE.size());
		assertThat(rows()).as("rows of each table").isEqualTo(rows);
	}

	/** Why an answer is not harmless, or null. */
	private String problem(int status, String body, String value) {
		if (status != 200) {
			return "HTTP " + status + " " + preview(body);
		}
		Map<?, ?> answer;
		try {
			answer = this.json.readValue(body, Map.class);
		}
		catch (RuntimeException ex) {
			return "not JSON: " + preview(body);
		}
		if (!(answer.containsKey("data") || answer.containsKey("errors"))) {
			return "neither data nor errors: " + preview(body);
		}
		if (answer.get("errors") instanceof List<?> errors) {
			for (Object error : errors) {
				Map<?, ?> map = (Map<?, ?>) error;
				Object classification = ((Map<?, ?>) map.get("extensions")).get("classification");
				if (!List.of("BAD_REQUEST", "NOT_FOUND").contains(classification)) {
					return classification + ": " + preview(String.valueOf(map.get("message")));
				}
			}
		}
		String scrubbed = body.replace(this.json.writeValueAsString(value).replaceAll("^\"|\"$", ""), "");
		for (String leak : LEAKS) {
			if (scrubbed.contains(leak)) {
				return "leaks '" + leak + "': " + preview(scrubbed);
			}
		}
		return null;
	}

	private Map<String, Long> rows() {
		Map<String, Long> rows = new LinkedHashMap<>();
		for (String table : TABLES) {
			rows.put(table, count(table, "true"));
		}
		return rows;
	}

	private static String preview(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "… (" + text.length() + " chars)" : text;
	}

}
