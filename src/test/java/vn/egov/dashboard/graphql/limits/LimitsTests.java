package vn.egov.dashboard.graphql.limits;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import graphql.introspection.IntrospectionQuery;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Documents over each query limit, through the GraphQL endpoint: each is refused with one
 * {@code LIMIT_EXCEEDED} error carrying the limit's name, the measured value and the
 * maximum (defaults of {@code application.yml}: depth 10, cost 200,000, aliases 30,
 * fields 500, tokens 5,000), and nothing is fetched: the timer of the operation's root
 * field ({@code graphql.datafetcher}, one sample per call) does not move. The bombs are
 * generated here rather than kept as documents since their size is the point.
 */
class LimitsTests extends IntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private GraphQlSource graphQlSource;

	@Test
	void shouldRefuseADeepQueryWithItsDepth() {
		String deep = "{ agencies { edges { node { " + "parent { ".repeat(10) + "code" + " }".repeat(10) + " } } } }";
		expectRefused(this.graphQl.document(deep), "agencies", "depth", 14, 10);
	}

	@Test
	void shouldRefuseADocumentTooDeepToParseWithItsNesting() {
		// The parser itself gives up on this long before the end (graphql-java's
		// rule-depth guard).
		String bomb = "{ agencies ".repeat(5000) + "}".repeat(5000);
		expectRefused(this.graphQl.document(bomb), "agencies", "depth", 5000, 10);
		// Lists nested in an argument count too: the selection's brace, the input
		// object's, and 1000 brackets.
		String lists = "{ agencies(filter: {kinds: " + "[".repeat(1000) + "]".repeat(1000) + "}) { totalCount } }";
		expectRefused(this.graphQl.document(lists), "agencies", "depth", 1002, 10);
	}

	@Test
	void shouldRefuseNestedListsOfLargePagesWithTheirCost() {
		String document = """
				query costly($n: Int) {
					agencies(first: $n) { edges { node { children { children { predecessors { code } } } } } }
				}""";
		// 100 agencies + 100 × 20 children + 100 × 20 × 20 grandchildren + 100 × 20 × 20
		// × 20 predecessors.
		expectRefused(this.graphQl.document(document).variable("n", 100), "agencies", "cost", 842_100, 200_000);
		// The same document (now from the document cache) with a small page is measured
		// again, and runs.
		long before = fetches("agencies");
		this.graphQl.document(document)
			.variable("n", 2)
			.execute()
			.path("agencies.edges")
			.entityList(Object.class)
			.hasSize(2);
		assertThat(fetches("agencies")).as("the positive control fetches").isGreaterThan(before);
	}

	@Test
	void shouldRefuseLargePagesOfSiblingConnectionsWithTheirCost() {
		// Every root connection counts its page: 3 × (100 + 100 × 20 × 20 × 20 cited
		// documents).
		String document = IntStream.range(0, 3)
			.mapToObj((i) -> "d" + i
					+ ": documents(first: 100) { edges { node { basedOn { citedBy { basedOn { number } } } } } }")
			.collect(Collectors.joining(" ", "{ ", " }"));
		expectRefused(this.graphQl.document(document), "documents", "cost",
				3 * (100 + 100 * 20 + 100 * 20 * 20 + 100 * 20 * 20 * 20), 200_000);
	}

	@Test
	void shouldRefuseManyAliasesWithTheirCount() {
		String document = IntStream.range(0, 40)
			.mapToObj((i) -> "a" + i + ": agency(code: \"P17\") { name }")
			.collect(Collectors.joining(" ", "{ ", " }"));
		expectRefused(this.graphQl.document(document), "agency", "aliases", 40, 30);
	}

	@Test
	void shouldRefuseManyFieldsWithTheirCount() {
		String document = "{ agencies(first: 1) { totalCount " + "edges { node { code } } ".repeat(200) + "} }";
		// agencies, totalCount, and 200 × (edges, node, code).
		expectRefused(this.graphQl.document(document), "agencies", "fields", 2 + 200 * 3, 500);
	}

	@Test
	void shouldMeasureFragmentsThatSpreadEachOtherWithoutExpandingThem() {
		// F0 selects 2 fields; each F(i) spreads F(i-1) twice: 2^41 fields in a document
		// of a few hundred tokens.
		StringBuilder document = new StringBuilder("{ agencies(first: 1) { edges { node { ...F40 } } } }\n");
		document.append("fragment F0 on Agency { code name }\n");
		for (int i = 1; i <= 40; i++) {
			document.append("fragment F")
				.append(i)
				.append(" on Agency { ...F")
				.append(i - 1)
				.append(" ...F")
				.append(i - 1)
				.append(" }\n");
		}
		expectRefused(this.graphQl.document(document.toString()), "agencies", "fields", 3 + (1L << 41), 500);
	}

	@Test
	void shouldRefuseADocumentWithTooManyTokensWithTheirCount() {
		String kinds = String.join(", ", Collections.nCopies(6000, "PROVINCE"));
		String document = "{ agencies(filter: {kinds: [" + kinds + "]}) { totalCount } }";
		// 16 tokens around the list, and 6000 in it.
		expectRefused(this.graphQl.document(document), "agencies", "tokens", 6016, 5000);
		// Not remembered as a syntax error: the second time is measured again.
		expectRefused(this.graphQl.document(document), "agencies", "tokens", 6016, 5000);
	}

	@Test
	void shouldRefuseEveryLimitAnOperationGoesOver() {
		// 100 aliases of 6 fields each, each costing 100 + 100 × 20 + 100 × 20 × 20.
		String document = IntStream.range(0, 100)
			.mapToObj((i) -> "a" + i + ": agencies(first: 100) { edges { node { children { children { code } } } } }")
			.collect(Collectors.joining(" ", "{ ", " }"));
		long before = fetches("agencies");
		this.graphQl.document(document).execute().errors().satisfy((errors) -> {
			assertThat(errors).allSatisfy((error) -> assertThat(classification(error)).isEqualTo("LIMIT_EXCEEDED"));
			assertThat(errors)
				.extracting((error) -> error.getExtensions().get("limit"),
						(error) -> ((Number) error.getExtensions().get("measured")).longValue())
				.containsExactlyInAnyOrder(tuple("fields", 600L), tuple("aliases", 100L), tuple("cost", 100L * 42_100));
		}).path("a0").pathDoesNotExist();
		assertThat(fetches("agencies")).isEqualTo(before);
	}

	@Test
	void shouldRefuseAMutationOverALimitWithoutWritingAnything() {
		long votes = count("poll_vote", "true");
		String document = IntStream.range(0, 40)
			.mapToObj((i) -> "v" + i + ": castVote(pollId: \"1\", optionId: \"1\") { totalVotes }")
			.collect(Collectors.joining(" ", "mutation { ", " }"));
		expectRefused(this.graphQl.document(document), "castVote", "aliases", 40, 30);
		assertThat(count("poll_vote", "true")).isEqualTo(votes);
	}

	@Test
	void shouldRefuseASubscriptionOverALimitOverWebSocketAndSse() {
		String document = "subscription { pollResults(pollId: \"1\") { " + "options { id } ".repeat(600) + "} }";
		WebSocketGraphQlTester webSocket = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new ReactorNettyWebSocketClient())
			.build();
		StepVerifier.create(webSocket.document(document).executeSubscription().toFlux())
			.assertNext((response) -> expectLimit(response.errors(), "fields", 1 + 600 * 2, 500))
			.verifyComplete();
		webSocket.stop().block(TIMEOUT);
		List<Map<String, Object>> events = WebClient.create("http://localhost:" + this.port + "/graphql")
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("query", document))
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.filter((event) -> "next".equals(event.event()) && event.data() != null)
			.map(ServerSentEvent::data)
			.collectList()
			.block(TIMEOUT);
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event).doesNotContainKey("data");
			assertThat(event.get("errors")).asInstanceOf(InstanceOfAssertFactories.LIST)
				.singleElement()
				.extracting("extensions")
				.isEqualTo(Map.of("classification", "LIMIT_EXCEEDED", "limit", "fields", "measured", 1 + 600 * 2, "max",
						500));
		});
	}

	@Test
	void shouldRefuseANegativeFirstThatUsedToGetPastTheCostLimit() {
		// gh-18: first: -1 was measured as 0 and ignored by the fetcher (a page of 20),
		// while first: 20 is refused for its cost.
		String nested = "{ edges { node { basedOn { citedBy { basedOn { citedBy { basedOn { number } } } } } } } }";
		expectRefused(
				this.graphQl.document("{ documents(first: 20) " + nested + " }"), "documents", "cost", 20 + 20 * 20
						+ 20 * 20 * 20 + 20L * 20 * 20 * 20 + 20L * 20 * 20 * 20 * 20 + 20L * 20 * 20 * 20 * 20 * 20,
				200_000);
		long before = fetches("documents");
		expectBadRequest(this.graphQl.document("{ documents(first: -1) " + nested + " }").execute(), "first");
		expectBadRequest(this.graphQl.document("query($n: Int) { documents(first: $n) " + nested + " }")
			.variable("n", -1)
			.execute(), "first");
		assertThat(fetches("documents")).as("calls of the documents data fetcher").isEqualTo(before);
	}

	@Test
	void shouldRefuseAPageArgumentOutOfRangeOnEveryFieldThatTakesOne() {
		GraphQLSchema schema = this.graphQlSource.schema();
		List<PageField> fields = pageFields(schema);
		assertThat(fields).extracting(PageField::name)
			.as("connections and lists with first, found in the schema")
			.contains("agencies", "documents", "plans", "polls", "ranking", "measurements", "apiKeys", "auditLog",
					"topPages");
		for (PageField field : fields) {
			long before = fetches(field.root());
			for (String first : List.of("-1", "101", "2147483647", "-2147483648", "99999999999")) {
				expectBadRequest(this.graphQl.document(field.document("first: " + first)).execute(), "first");
			}
			for (int first : List.of(-5, 101)) {
				expectBadRequest(
						this.graphQl.document(field.document("first: $n", "$n: Int")).variable("n", first).execute(),
						"first");
			}
			if (field.definition().getArgument("after") != null) {
				for (String after : List.of("not a cursor", cursor("{\"id\":1.5}"), cursor("{\"code\":[1]}"),
						cursor("{\"id\":99999999999999999999}"), cursor("{\"id\":null}"), cursor("[]"))) {
					expectBadRequest(this.graphQl.document(field.document("after: $a", "$a: String"))
						.variable("a", after)
						.execute(), "after");
				}
			}
			assertThat(fetches(field.root())).as("calls of %s's fetcher while refusing", field.root())
				.isEqualTo(before);
			// In range, the same field is not refused for its page (an admin, so that
			// apiKeys and auditLog run).
			asAdmin().document(field.document("first: 0"))
				.execute()
				.errors()
				.satisfy((errors) -> assertThat(errors)
					.noneMatch((error) -> error.getExtensions().containsKey("field")));
		}
	}

	/** A cursor as this server encodes them, of {@code keys}. */
	private static String cursor(String keys) {
		return Base64.getEncoder().encodeToString(keys.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Every field of the schema that takes {@code first}, each with the way to it from
	 * the root (required arguments filled with plain values).
	 */
	private static List<PageField> pageFields(GraphQLSchema schema) {
		List<PageField> found = new ArrayList<>();
		Map<String, List<String>> paths = new LinkedHashMap<>();
		Deque<GraphQLFieldsContainer> queue = new ArrayDeque<>();
		paths.put(schema.getQueryType().getName(), List.of());
		queue.add(schema.getQueryType());
		while (!queue.isEmpty()) {
			GraphQLFieldsContainer type = queue.poll();
			List<String> path = paths.get(type.getName());
			for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
				if (field.getArgument("first") != null) {
					found.add(new PageField(path, field));
				}
				if (GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLFieldsContainer next
						&& !paths.containsKey(next.getName())) {
					List<String> longer = new ArrayList<>(path);
					longer.add(field.getName() + PageField.arguments(field, List.of()));
					paths.put(next.getName(), longer);
					queue.add(next);
				}
			}
		}
		return found;
	}

	/** A field that takes {@code first}, reached from the root through {@code path}. */
	private record PageField(List<String> path, GraphQLFieldDefinition definition) {

		String name() {
			return this.definition.getName();
		}

		/** The operation's first field, whose fetcher runs before anything under it. */
		String root() {
			return (this.path.isEmpty() ? name() : this.path.get(0)).replaceFirst("\\(.*", "");
		}

		/**
		 * A query of this field with {@code argument} (and declared {@code variables}).
		 */
		String document(String argument, String... variables) {
			String call = name() + arguments(this.definition, List.of(argument));
			StringBuilder document = new StringBuilder(
					(variables.length > 0) ? "query(" + String.join(", ", variables) + ") { " : "{ ");
			this.path.forEach((step) -> document.append(step).append(" { "));
			document.append(call).append(" { __typename }");
			this.path.forEach((step) -> document.append(" }"));
			return document.append(" }").toString();
		}

		/** {@code given}, and a plain literal for every other required argument. */
		static String arguments(GraphQLFieldDefinition field, List<String> given) {
			List<String> all = new ArrayList<>(given);
			for (GraphQLArgument argument : field.getArguments()) {
				if (argument.getType() instanceof GraphQLNonNull required) {
					all.add(argument.getName() + ": " + literal(required.getWrappedType()));
				}
			}
			return all.isEmpty() ? "" : all.stream().collect(Collectors.joining(", ", "(", ")"));
		}

		private static String literal(GraphQLType type) {
			GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
			if (unwrapped instanceof GraphQLList list) {
				return "[" + literal(list.getWrappedType()) + "]";
			}
			if (unwrapped instanceof GraphQLEnumType enumType) {
				return enumType.getValues().get(0).getName();
			}
			if (unwrapped instanceof GraphQLInputObjectType input) {
				return input.getFieldDefinitions()
					.stream()
					.filter((field) -> field.getType() instanceof GraphQLNonNull)
					.map((field) -> field.getName() + ": " + literal(field.getType()))
					.collect(Collectors.joining(", ", "{", "}"));
			}
			return switch (((GraphQLNamedType) unwrapped).getName()) {
				case "Int" -> "2024";
				case "Float" -> "1.5";
				case "Boolean" -> "true";
				case "Date" -> "\"2024-01-01\"";
				case "DateTime" -> "\"2024-01-01T00:00:00Z\"";
				case "ID" -> "\"1\"";
				default -> "\"CDSQG\"";
			};
		}

	}

	@Test
	void shouldAnswerGraphiqlsIntrospectionQuery() {
		this.graphQl.document(IntrospectionQuery.INTROSPECTION_QUERY)
			.execute()
			.path("__schema.queryType.name")
			.entity(String.class)
			.isEqualTo("Query");
	}

	/**
	 * Refused over {@code limit}, and {@code root} (the operation's first field) was
	 * never fetched.
	 */
	private void expectRefused(GraphQlTester.Request<?> request, String root, String limit, long measured, long max) {
		long before = fetches(root);
		expectLimit(request.execute().errors(), limit, measured, max);
		assertThat(fetches(root)).as("calls of the %s data fetcher while refusing", root).isEqualTo(before);
	}

	private static void expectLimit(GraphQlTester.Errors errors, String limit, long measured, long max) {
		errors.satisfy((list) -> {
			assertThat(list).hasSize(1);
			ResponseError error = list.get(0);
			assertThat(classification(error)).isEqualTo("LIMIT_EXCEEDED");
			assertThat(error.getExtensions()).containsEntry("limit", limit);
			assertThat(((Number) error.getExtensions().get("measured")).longValue()).isEqualTo(measured);
			assertThat(((Number) error.getExtensions().get("max")).longValue()).isEqualTo(max);
		});
	}

	private static Object classification(ResponseError error) {
		return error.getExtensions().get("classification");
	}

	/**
	 * Calls so far of the data fetcher of a field (Spring's observation times every
	 * non-trivial one), plus queries answered by a compiled SQL statement (which call no
	 * data fetcher). A root field's fetcher runs before anything under it: if neither
	 * count moved, nothing of the operation ran.
	 */
	private long fetches(String field) {
		long fetched = this.meters.find("graphql.datafetcher")
			.tag("graphql.field.name", field)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
		return fetched + (long) this.meters.get("egov.graphql.queries").tag("path", "compiled").counter().count();
	}

}
