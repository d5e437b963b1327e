package vn.egov.dashboard.graphql.limits;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import graphql.introspection.IntrospectionQuery;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
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
