package vn.egov.dashboard.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.RandomCases;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomised fuzzing ({@link RandomCases}, seeded: a failure names the seed that repeats
 * it): random and broken GraphQL documents (character soup, token soup, and the test
 * suite's own documents with random edits), random variables, bodies that are not GraphQL
 * requests at all, extreme and invalid values in every argument of the schema (dates,
 * numbers, page sizes, hostile text; found by walking the schema, {@link ArgumentSlots}),
 * and variables that print alike (the response cache's keys). Whatever comes in, the
 * answer is a JSON object with {@code errors} or {@code data}, never a 5xx, never an
 * INTERNAL_ERROR, never a stack trace, SQL or a Java class name, and the server logs no
 * stack trace and no ERROR while answering (each test's log is captured). About 1,100
 * cases in all, so the suite stays fast.
 */
class GraphQlFuzzTests extends IntegrationTests {

	private static final List<String> LEAKS = List.of("Exception", "java.", "javax.", "vn.egov", "springframework",
			"reactor.", "r2dbc", "R2dbc", "SQLSTATE", "SELECT ", "postgres", "PostgreSQL", "\tat ", "NullPointer");

	private static final List<String> TOKENS = List.of("query", "mutation", "subscription", "fragment", "on", "{", "}",
			"(", ")", "[", "]", ":", "!", "$", "...", "=", "@include(if: true)", "@skip(if: $x)", "agencies", "agency",
			"documents", "plans", "polls", "castVote", "pollResults", "edges", "node", "code", "name", "totalCount",
			"first: 100", "first: -1", "first: 99999999999", "after: \"x\"", "code: \"P17\"", "__typename", "__schema",
			"__type", "types", "fields", "ofType", "$x", "$first", "Int", "String!", "ID", "[String!]!", "\"text\"",
			"\"\"\"block\"\"\"", "42", "-0", "1e999", "true", "null", "A", "Agency", "filter: {search: \"ha\"}",
			"kinds: [PROVINCE]");

	private static final List<String> VARIABLE_NAMES = List.of("x", "first", "after", "code", "id", "n", "filter",
			"pollId", "optionId", "siteCode", "search");

	private static final List<String> DOCUMENTS = suiteDocuments();

	/**
	 * Every argument slot of the schema but those of the anonymous writes, whose ordinary
	 * values would count votes and page views other tests count.
	 */
	private static final List<ArgumentSlots> SLOTS = ArgumentSlots.all(Set.of("castVote", "recordHits"));

	@Autowired
	private JsonMapper json;

	/** Log events of the server that carry a stack trace or are errors, per property. */
	private final ServerLog log = new ServerLog();

	@BeforeEach
	void captureTheServerLog() {
		this.log.capture();
	}

	@AfterEach
	void expectNoStackTraceInTheLog() {
		this.log.release();
		assertThat(this.log.events()).as("errors and stack traces the server logged while answering").isEmpty();
	}

	@Test
	void shouldRefuseExtremeAndInvalidValuesInEveryArgumentAsClientErrors() {
		RandomCases.forAll(300, (random) -> {
			ArgumentSlots slot = random.of(SLOTS);
			Object value = random.weighted(4, () -> valueOf(random, slot.type()), 1,
					() -> valueOf(random, random.of("Int", "Date", "String", "Float")));
			refuseAsAClientError(slot, value, random.bool());
		});
	}

	private void refuseAsAClientError(ArgumentSlots slot, Object value, boolean literal) {
		Map<?, ?> answer = expectWellFormed(slot.request(value, literal));
		List<Map<?, ?>> errors = errors(answer);
		assertThat(errors).as("errors for %s = %s", slot, preview(value))
			.noneMatch((error) -> "INTERNAL_ERROR".equals(classification(error)));
		boolean refusedHere = errors.stream()
			.anyMatch((error) -> "BAD_REQUEST".equals(classification(error))
					&& slot.name().equals(((Map<?, ?>) error.get("extensions")).get("field")));
		if (mustBeRefused(slot, value, literal)) {
			assertThat(refusedHere || (literal && isSyntaxError(errors)))
				.as("%s = %s (literal: %s) refused naming %s: %s", slot, preview(value), literal, slot.name(),
						preview(errors))
				.isTrue();
		}
	}

	@Test
	void shouldNeverAnswerARequestWithTheCachedAnswerOfOtherVariables() {
		RandomCases.forAll(40, (random) -> answerEachVariablesWithItsOwnAnswer(filter(random), filter(random)));
	}

	private void answerEachVariablesWithItsOwnAnswer(Map<String, Object> first, Map<String, Object> second) {
		String query = "query($filter: AgencyFilter) { agencies(filter: $filter, first: 3) { totalCount edges { node { code } } } }";
		post(Map.of("query", query, "variables", Map.of("filter", first)), null);
		Map<?, ?> cached = expectWellFormed(Map.of("query", query, "variables", Map.of("filter", second)));
		// With credentials nothing is cached: the answer as computed now.
		Answer computed = post(Map.of("query", query, "variables", Map.of("filter", second)),
				TestTokens.token("fuzz", Role.ANALYST, null));
		assertThat(cached).as("the answer for %s after %s", second, first)
			.isEqualTo(this.json.readValue(computed.body(), Map.class));
	}

	@Test
	void shouldAnswerAnyDocumentWithWellFormedJson() {
		RandomCases.forAll(300, (random) -> {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("query", document(random));
			request.put("variables", random.map(4, VARIABLE_NAMES, (r) -> json(r, 2)));
			String operationName = random.oneOf(() -> "", () -> random.of("agencies", "Hostile", "x"),
					() -> random.anyString(20));
			if (!operationName.isEmpty()) {
				request.put("operationName", operationName);
			}
			expectWellFormed(this.json.writeValueAsString(request));
		});
	}

	@Test
	void shouldAnswerAnyBodyWithWellFormedJson() {
		RandomCases.forAll(150, (random) -> expectWellFormed(body(random)));
	}

	/**
	 * Malformed bodies under every content type, on every endpoint that takes a body
	 * (gh-18, item 7): a client error in the one error shape, never a 5xx, and (checked
	 * after each property) no error or stack trace in the server's log.
	 */
	@Test
	void shouldAnswerMalformedBodiesAndContentTypesOnEveryEndpointAsClientErrors() {
		String analyst = TestTokens.token("analyst", Role.ANALYST, null);
		RandomCases.forAll(150, (random) -> {
			String path = random.of("/graphql", "/api/hits", "/assessments/DTI/2019/scores",
					"/assessments/ICT_APPLICATION/2030/scores");
			String type = random.of("application/json", "application/graphql", "application/graphql-response+json",
					"multipart/form-data; boundary=XYZ", "multipart/form-data", "text/csv", "text/plain",
					"application/octet-stream", "application/x-www-form-urlencoded", "application/xml", "x/y",
					"application/json; charset=utf-16");
			String body = random.oneOf(() -> random.string("{}[]\":,\\ abc-XYZ\r\n=;", 120),
					() -> "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
							+ random.string("abc,;\r\n-", 40),
					() -> "{\"query\":" + random.string("{}\"", 10), () -> random.anyString(60));
			String token = random.bool() ? analyst : null;
			Answer answer = WebClient.create("http://localhost:" + this.port)
				.post()
				.uri(path)
				.header(HttpHeaders.CONTENT_TYPE, type)
				.headers((headers) -> {
					if (token != null) {
						headers.setBearerAuth(token);
					}
				})
				.bodyValue(body.getBytes(StandardCharsets.UTF_8))
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((text) -> new Answer(response.statusCode().value(), text)))
				.block(Duration.ofSeconds(30));
			String what = "POST " + path + " " + type + " " + preview(body);
			assertThat(answer.status()).as(what).isLessThan(500);
			if (answer.status() >= 400) {
				Map<?, ?> parsed = this.json.readValue(answer.body(), Map.class);
				assertThat(errors(parsed)).as(what).isNotEmpty().allSatisfy((error) -> {
					assertThat(error.get("message")).isInstanceOf(String.class);
					assertThat(classification(error)).isNotIn("INTERNAL_ERROR", null);
				});
			}
			for (String leak : LEAKS) {
				assertThat(answer.body()).as(what).doesNotContain(leak);
			}
		});
	}

	/**
	 * Posts {@code body} (JSON text, or a map written as JSON bytes: a Java string would
	 * lose an unpaired surrogate on the way to UTF-8) and checks the answer's shape.
	 */
	private Map<?, ?> expectWellFormed(Object body) {
		Answer answer = post(body, null);
		assertThat(answer.status()).as("status for %s", preview(body)).isLessThan(500);
		Map<?, ?> parsed = this.json.readValue(answer.body(), Map.class);
		assertThat(parsed.containsKey("data") || parsed.containsKey("errors")).as("data or errors in %s", answer.body())
			.isTrue();
		if (parsed.get("errors") != null) {
			assertThat(parsed.get("errors")).asList()
				.isNotEmpty()
				.allSatisfy((error) -> assertThat(error).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsKey("message"));
		}
		String scrubbed = answer.body();
		for (String leak : LEAKS) {
			assertThat(scrubbed).as("answer to %s", preview(body)).doesNotContain(leak);
		}
		return parsed;
	}

	/**
	 * Posts a request (a JSON text, or a map written as JSON), signed in when a token is
	 * given.
	 */
	private Answer post(Object body, String token) {
		byte[] bytes = (body instanceof String text) ? text.getBytes(StandardCharsets.UTF_8)
				: this.json.writeValueAsBytes(body);
		return WebClient.create("http://localhost:" + this.port + "/graphql")
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				if (token != null) {
					headers.setBearerAuth(token);
				}
			})
			.bodyValue(bytes)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> new Answer(response.statusCode().value(), text)))
			.block(Duration.ofSeconds(30));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<?, ?>> errors(Map<?, ?> answer) {
		return (answer.get("errors") instanceof List<?> list) ? (List<Map<?, ?>>) list : List.of();
	}

	private static Object classification(Map<?, ?> error) {
		return (error.get("extensions") instanceof Map<?, ?> extensions) ? extensions.get("classification") : null;
	}

	private static boolean isSyntaxError(List<Map<?, ?>> errors) {
		return errors.stream().anyMatch((error) -> "InvalidSyntax".equals(classification(error)));
	}

	/**
	 * Whether the value must be refused with a BAD_REQUEST naming its slot: a date or
	 * instant that is not one in the supported range, a page size out of 0..100, text
	 * PostgreSQL cannot store. (In a literal, an unpaired surrogate is a syntax error.)
	 */
	private static boolean mustBeRefused(ArgumentSlots slot, Object value, boolean literal) {
		return switch (slot.type()) {
			case "Date" -> !(value instanceof String text && isSupportedDate(text));
			case "DateTime" -> !(value instanceof String text && isSupportedInstant(text));
			case "Int" -> slot.name().equals("first") && value != null && !isPageSize(value, literal);
			case "String", "ID" -> value instanceof String text && Texts.unstorable(text) != null;
			default -> false;
		};
	}

	/**
	 * Whether {@code value} is a page size of 0 to 100 as GraphQL coerces it: a whole
	 * number, or, in variables, a float with a whole value ({@code -0.0} is 0), which
	 * graphql-java coerces to an Int; a float literal is no Int.
	 */
	private static boolean isPageSize(Object value, boolean literal) {
		double number;
		if (value instanceof Integer n) {
			number = n;
		}
		else if (!literal && value instanceof Double d && d == Math.rint(d)) {
			number = d;
		}
		else {
			return false;
		}
		return number >= 0 && number <= 100;
	}

	/**
	 * {@code value} for a message: at most 200 characters, control characters and
	 * surrogates escaped.
	 */
	private static String preview(Object value) {
		String text = String.valueOf(value);
		StringBuilder shown = new StringBuilder();
		text.chars().limit(200).forEach((c) -> {
			if (c < 0x20 || Character.isSurrogate((char) c)) {
				shown.append(String.format("\\u%04X", c));
			}
			else {
				shown.append((char) c);
			}
		});
		return (text.length() > 200) ? shown + "… (" + text.length() + " chars)" : shown.toString();
	}

	/**
	 * A day of the supported range written yyyy-MM-dd (the schema's rule, checked here on
	 * its own).
	 */
	private static boolean isSupportedDate(String text) {
		try {
			LocalDate date = LocalDate.parse(text);
			return text.length() == 10 && !date.isBefore(LocalDate.of(1900, 1, 1))
					&& !date.isAfter(LocalDate.of(2199, 12, 31));
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	/** An instant of the supported range written as RFC 3339 with seconds. */
	private static boolean isSupportedInstant(String text) {
		try {
			Instant instant = OffsetDateTime.parse(text).toInstant();
			return text.matches("\\d{4}-.*T\\d{2}:\\d{2}:\\d{2}.*") && !text.endsWith("-00:00")
					&& !instant.isBefore(Instant.parse("1900-01-01T00:00:00Z"))
					&& instant.isBefore(Instant.parse("2200-01-01T00:00:00Z"));
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	private static Object valueOf(RandomCases random, String type) {
		List<Object> values = switch (type) {
			case "Date" -> List.of("+999999999-12-31", "2026-02-30", "2023-02-29", "0000-01-01", "1899-12-31",
					"2200-01-01", "-2024-01-01", "2024-13-01", "2024-00-10", "9999-12-31", "2024-1-1", "",
					" 2024-01-01", "2024-01-01T00:00:00Z", "20240101", 20240101, -1, true, "1900-01-01", "2199-12-31",
					"2024-02-29", "2016-01-01");
			case "DateTime" -> List.of("+999999999-12-31T23:59:59Z", "2024-01-01T24:00:00Z", "2024-02-30T00:00:00Z",
					"1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2024-01-01T00:00:00+25:00",
					"2024-01-01T00:00:00-00:00", "2024-01-01", "2024-01-01T00:00Z", "-999999999-01-01T00:00:00Z",
					1704067200, "now", "1900-01-01T00:00:00Z", "2199-12-31T23:59:59.999999999Z",
					"2024-01-01T00:00:00+07:00", "2020-06-30T12:00:00.5Z");
			case "Int" -> List.of(Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0, 1, 100, 101, 2024, Long.MAX_VALUE,
					Long.MIN_VALUE, new BigInteger("99999999999999999999"), 1.5, "1", true, 9007199254740993L);
			case "Float" -> List.of(1e308, -1e308, Double.MIN_VALUE, 0.0, -0.0, 100.000001, -1, new BigDecimal("1e400"),
					new BigDecimal("-1e400"), "1.5", 1234567890123456789L);
			case "Boolean" -> List.of("true", 1, 0);
			default -> List.of("\u0000", "P17\u0000", "a\uD800", "\uDC00b", "\uD800\uD800", "x".repeat(100_000),
					"'; DROP TABLE agency; --", "%_\\", "", " ", "-1", "99999999999999999999", "2024-02-30",
					"\u202Egnp.exe", "𝔥𝔬𝔞 😀", "CDSQG", "P17", "1");
		};
		return random.of(values);
	}

	/**
	 * An agency filter from pieces that print alike in Map.toString(): each member valid
	 * for its type.
	 */
	private static Map<String, Object> filter(RandomCases random) {
		Map<String, Object> filter = new LinkedHashMap<>();
		for (String name : random.list(0, 3, (r) -> r.of("search", "asOf", "kinds"))) {
			filter.put(name, switch (name) {
				case "asOf" -> random.of("2017-01-01", "2025-12-31");
				case "kinds" -> random.of(List.of("PROVINCE"), List.of("MINISTRY"), List.of());
				default -> String.join("", random.list(1, 3,
						(r) -> r.of("hoa binh", ", asOf=2017-01-01", "=", "}", "{", "ha noi", ", ", "a")));
			});
		}
		return filter;
	}

	private static String document(RandomCases random) {
		return random.weighted(1,
				() -> random.string("{}()[]:$!@.,=|&\"\\#\n\t _abcdefghijklmnopqrstuvwxyz0123456789", 200), 2,
				() -> String.join(" ", random.list(0, 60, (r) -> r.of(TOKENS))), 3, () -> edit(random.of(DOCUMENTS),
						random.list(1, 6, (r) -> r.between(0, 10_000)), random.list(6, 6, (r) -> r.of(TOKENS))));
	}

	private String body(RandomCases random) {
		return random.oneOf(() -> random.string("{}[]\":,\\ abcdefghijklmnopqrstuvwxyz", 80),
				() -> this.json.writeValueAsString(json(random, 3)),
				// Objects shaped like a request whose members have the wrong types (a
				// number for query, a list for variables).
				() -> this.json.writeValueAsString(mapOf(json(random, 1), json(random, 1), json(random, 1))));
	}

	private static Map<String, Object> mapOf(Object query, Object variables, Object operationName) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		body.put("operationName", operationName);
		return body;
	}

	/** JSON values: odd strings and numbers, nested at most {@code depth} deep. */
	private static Object json(RandomCases random, int depth) {
		Supplier<Object> scalars = () -> random.oneOf(() -> random.anyString(30),
				() -> random.of("", "P17", "'; DROP TABLE agency; --", "%", "\u0000", "\uD800", "😀", "1", "-1",
						"2024-01-01", "PROVINCE", "x".repeat(5000)),
				random::anyInt, random::anyLong, random::anyDouble, random::bool, () -> null);
		if (depth == 0) {
			return scalars.get();
		}
		return random.weighted(4, scalars, 1, () -> random.list(0, 3, (r) -> json(r, depth - 1)), 1,
				() -> random.map(3, VARIABLE_NAMES, (r) -> json(r, depth - 1)));
	}

	/**
	 * {@code document} with a few random edits: cuts, insertions of tokens, duplications.
	 */
	private static String edit(String document, List<Integer> positions, List<String> tokens) {
		StringBuilder text = new StringBuilder(document);
		for (int i = 0; i < positions.size(); i++) {
			int at = positions.get(i) % (text.length() + 1);
			int end = Math.min(text.length(), at + 1 + positions.get(i) % 7);
			switch (i % 3) {
				case 0 -> text.delete(at, end);
				case 1 -> text.insert(at, " " + tokens.get(i) + " ");
				default -> text.insert(at, text.substring(at, end));
			}
		}
		return text.toString();
	}

	private static List<String> suiteDocuments() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:graphql-test/**/*.graphql");
			List<String> documents = new ArrayList<>();
			for (Resource resource : resources) {
				String document = resource.getContentAsString(StandardCharsets.UTF_8);
				// Not the mutations: an edit that still votes or records a hit would
				// change what other tests count.
				if (!document.strip().startsWith("mutation")) {
					documents.add(document);
				}
			}
			assertThat(documents).as("the suite's documents").hasSizeGreaterThan(20);
			return documents;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Answer(int status, String body) {
	}

	/**
	 * Captures, on the root logger, the log events that are errors or carry a stack
	 * trace, from {@link #capture} to {@link #release}.
	 */
	private static final class ServerLog extends AppenderBase<ILoggingEvent> {

		private final Queue<String> events = new ConcurrentLinkedQueue<>();

		void capture() {
			this.events.clear();
			setContext((LoggerContext) LoggerFactory.getILoggerFactory());
			start();
			root().addAppender(this);
		}

		void release() {
			root().detachAppender(this);
			stop();
		}

		List<String> events() {
			return List.copyOf(this.events);
		}

		@Override
		protected void append(ILoggingEvent event) {
			if (event.getThrowableProxy() != null || event.getLevel().isGreaterOrEqual(Level.ERROR)) {
				this.events.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
						+ ((event.getThrowableProxy() != null) ? " (" + event.getThrowableProxy().getClassName() + ")"
								: ""));
			}
		}

		private static Logger root() {
			return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		}

	}

}
