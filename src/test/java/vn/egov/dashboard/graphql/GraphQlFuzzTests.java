package vn.egov.dashboard.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.assertj.core.api.InstanceOfAssertFactories;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestContextManager;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing with jqwik: random and broken GraphQL documents (character soup,
 * token soup, and the test suite's own documents with random edits), random variables,
 * and bodies that are not GraphQL requests at all. Whatever comes in, the answer is a
 * JSON object with {@code errors} or {@code data}, never a 5xx, never a stack trace, SQL
 * or a Java class name. A few hundred tries in all, so the suite stays fast; a failure is
 * shrunk and its seed printed by jqwik.
 * <p>
 * jqwik runs as its own JUnit Platform engine, without Spring's JUnit Jupiter extension:
 * Spring's test context framework is driven by hand, and hands this class the same cached
 * server as every other integration test.
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

	@Autowired
	private JsonMapper json;

	@BeforeProperty
	void joinTheTestServer() throws Exception {
		new TestContextManager(getClass()).prepareTestInstance(this);
	}

	@Property(tries = 300)
	void shouldAnswerAnyDocumentWithWellFormedJson(@ForAll("documents") String document,
			@ForAll("variables") Map<String, Object> variables, @ForAll("operationNames") String operationName) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("query", document);
		request.put("variables", variables);
		if (!operationName.isEmpty()) {
			request.put("operationName", operationName);
		}
		expectWellFormed(this.json.writeValueAsString(request));
	}

	@Property(tries = 150)
	void shouldAnswerAnyBodyWithWellFormedJson(@ForAll("bodies") String body) {
		expectWellFormed(body);
	}

	private void expectWellFormed(String body) {
		Answer answer = WebClient.create("http://localhost:" + this.port + "/graphql")
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.getBytes(StandardCharsets.UTF_8))
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> new Answer(response.statusCode().value(), text)))
			.block(Duration.ofSeconds(30));
		assertThat(answer.status()).as("status for %s", body).isLessThan(500);
		Map<?, ?> parsed = this.json.readValue(answer.body(), Map.class);
		assertThat(parsed.containsKey("data") || parsed.containsKey("errors")).as("data or errors in %s", answer.body())
			.isTrue();
		if (parsed.get("errors") != null) {
			assertThat(parsed.get("errors")).asList()
				.isNotEmpty()
				.allSatisfy((error) -> assertThat(error).asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsKey("message"));
		}
		for (String leak : LEAKS) {
			assertThat(answer.body()).as("answer to %s", body).doesNotContain(leak);
		}
	}

	@Provide
	Arbitrary<String> documents() {
		Arbitrary<String> characters = Arbitraries.strings()
			.withChars("{}()[]:$!@.,=|&\"\\#\n\t _")
			.withCharRange('a', 'z')
			.withCharRange('0', '9')
			.ofMaxLength(200);
		Arbitrary<String> tokens = Arbitraries.of(TOKENS).list().ofMaxSize(60).map((list) -> String.join(" ", list));
		Arbitrary<String> edited = Combinators
			.combine(Arbitraries.of(DOCUMENTS),
					Arbitraries.integers().between(0, 10_000).list().ofMinSize(1).ofMaxSize(6),
					Arbitraries.of(TOKENS).list().ofMinSize(6).ofMaxSize(6))
			.as(GraphQlFuzzTests::edit);
		return Arbitraries.frequencyOf(tuple(1, characters), tuple(2, tokens), tuple(3, edited));
	}

	@Provide
	Arbitrary<Map<String, Object>> variables() {
		return Arbitraries.maps(Arbitraries.of(VARIABLE_NAMES), json(2)).ofMaxSize(4);
	}

	@Provide
	Arbitrary<String> operationNames() {
		return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.of("agencies", "Hostile", "x"),
				Arbitraries.strings().ofMaxLength(20));
	}

	@Provide
	Arbitrary<String> bodies() {
		Arbitrary<String> text = Arbitraries.strings().withChars("{}[]\":,\\ ").withCharRange('a', 'z').ofMaxLength(80);
		Arbitrary<String> jsonValues = json(3).map((value) -> this.json.writeValueAsString(value));
		// Objects shaped like a request whose members have the wrong types (a number for
		// query, a list for variables).
		Arbitrary<String> shapes = Combinators.combine(json(1), json(1), json(1))
			.as((query, variables, name) -> this.json.writeValueAsString(mapOf(query, variables, name)));
		return Arbitraries.oneOf(text, jsonValues, shapes);
	}

	private static Map<String, Object> mapOf(Object query, Object variables, Object operationName) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		body.put("operationName", operationName);
		return body;
	}

	/** JSON values: odd strings and numbers, nested at most {@code depth} deep. */
	private static Arbitrary<Object> json(int depth) {
		Arbitrary<Object> scalars = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30),
				Arbitraries.of("", "P17", "'; DROP TABLE agency; --", "%", "\u0000", "\uD800", "😀", "1", "-1",
						"2024-01-01", "PROVINCE", "x".repeat(5000)),
				Arbitraries.integers(), Arbitraries.longs(), Arbitraries.doubles(), Arbitraries.of(true, false),
				Arbitraries.just(null));
		if (depth == 0) {
			return scalars;
		}
		Arbitrary<Object> lists = json(depth - 1).list().ofMaxSize(3).map((list) -> list);
		Arbitrary<Object> maps = Arbitraries.maps(Arbitraries.of(VARIABLE_NAMES), json(depth - 1))
			.ofMaxSize(3)
			.map((map) -> map);
		return Arbitraries.frequencyOf(tuple(4, scalars), tuple(1, lists), tuple(1, maps));
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

	private static <T> Tuple2<Integer, Arbitrary<? extends T>> tuple(int weight, Arbitrary<? extends T> arbitrary) {
		return Tuple.of(weight, arbitrary);
	}

	record Answer(int status, String body) {
	}

}
