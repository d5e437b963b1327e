package vn.egov.dashboard.cache;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.schema.GraphQLObjectType;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestRequests;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.security.Role;
import vn.egov.dashboard.system.DataChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache and the document cache, seen from an HTTP client; one timing that
 * requests over the network cannot force is driven through the cache's interceptor.
 */
class ResponseCacheTests extends IntegrationTests {

	@Autowired
	private GraphQlSource graphQlSource;

	@Autowired
	private MeterRegistry registry;

	@Autowired
	private ResponseCache responses;

	private WebTestClient http;

	@BeforeEach
	void connect() {
		this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void shouldAnswerARepeatedAnonymousQueryFromTheCache() {
		String query = "{ agencies(first: 3, filter: {kinds: [MINISTRY]}) { edges { node { code name } } } }";
		EntityExchangeResult<String> first = post(Map.of("query", query), null);
		EntityExchangeResult<String> second = post(Map.of("query", query), null);
		assertThat(first.getResponseHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(second.getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
		assertThat(second.getResponseHeaders().getETag()).isEqualTo(first.getResponseHeaders().getETag())
			.startsWith("W/\"");
		assertThat(second.getResponseHeaders().getCacheControl()).isEqualTo("public, max-age=10");
	}

	@Test
	void shouldAnswerTheSameBytesAgainWithoutTheGraphQlHandler() {
		String body = "{\"query\":\"{ agencies(first: 2, filter: {kinds: [MINISTRY]}) { edges { node { code nameEn } } } }\"}";
		EntityExchangeResult<String> miss = post(body, null);
		assertThat(miss.getResponseHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		double shortcuts = shortcutAnswers();
		EntityExchangeResult<String> hit = post(body, null);
		assertThat(shortcutAnswers()).as("answers written from the request's bytes").isEqualTo(shortcuts + 1);
		assertThat(hit.getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(hit.getResponseBody()).isEqualTo(miss.getResponseBody()).contains("Ministry of");
		assertThat(hit.getResponseHeaders().getETag()).isEqualTo(miss.getResponseHeaders().getETag());
		assertThat(hit.getResponseHeaders().getCacheControl()).isEqualTo("public, max-age=10");
		assertThat(hit.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(hit.getResponseHeaders().getContentLength()).isEqualTo(hit.getResponseBodyContent().length);
		assertThat(hit.getResponseHeaders().getFirst("X-Content-Type-Options")).as("Spring Security's headers")
			.isEqualTo("nosniff");
		// The same request written with other white space is the same answer, found by
		// decoding the request.
		EntityExchangeResult<String> spaced = post(body.replace("\":\"", "\" : \""), null);
		assertThat(spaced.getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(spaced.getResponseBody()).isEqualTo(miss.getResponseBody());
		assertThat(shortcutAnswers()).isEqualTo(shortcuts + 1);
	}

	@Test
	void shouldNotShortcutARequestForAnEventStream() {
		// The SSE handler takes POSTs that accept text/event-stream; a cached JSON answer
		// must not stand in for it.
		String body = "{\"query\":\"{ agency(code: \\\"P10\\\") { name } }\"}";
		double shortcuts = shortcutAnswers();
		for (int i = 0; i < 2; i++) {
			EntityExchangeResult<String> stream = this.http.post()
				.uri("/graphql")
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.bodyValue(body)
				.exchange()
				.expectBody(String.class)
				.returnResult();
			assertThat(stream.getResponseHeaders().getContentType()).isNotNull()
				.matches((type) -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM));
		}
		assertThat(shortcutAnswers()).isEqualTo(shortcuts);
	}

	@Test
	void shouldWriteACachedAnswerInTheNegotiatedMediaType() {
		String query = "{ agencies(first: 2, filter: {kinds: [PROVINCE]}) { edges { node { code name } } } }";
		EntityExchangeResult<String> first = post(Map.of("query", query), null);
		EntityExchangeResult<String> hit = this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_GRAPHQL_RESPONSE)
			.bodyValue(Map.of("query", query))
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThat(hit.getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(hit.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_GRAPHQL_RESPONSE);
		assertThat(hit.getResponseHeaders().getContentLength()).isEqualTo(hit.getResponseBodyContent().length);
		assertThat(hit.getResponseBody()).isEqualTo(first.getResponseBody()).contains("\"data\":{\"agencies\"");
		assertThat(first.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
	}

	@Test
	void shouldAnswerAQueryOverAWebSocketFromTheCache() {
		// Over a WebSocket the cached answer is serialised by Jackson with the rest of
		// the message.
		String query = "{ agency(code: \"P06\") { name nameEn } }";
		post(Map.of("query", query), null);
		WebSocketGraphQlTester webSocket = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new ReactorNettyWebSocketClient())
			.build();
		double hits = responseCacheHits();
		webSocket.document(query).execute().path("agency.name").entity(String.class).isEqualTo("Bắc Kạn");
		webSocket.stop().block(Duration.ofSeconds(10));
		assertThat(responseCacheHits()).isEqualTo(hits + 1);
	}

	@Test
	void shouldAnswerNotModifiedWhenTheClientHasTheAnswer() {
		String query = "{ agency(code: \"P02\") { name } }";
		String etag = post(Map.of("query", query), null).getResponseHeaders().getETag();
		EntityExchangeResult<byte[]> same = conditional(query, etag);
		assertThat(same.getStatus().value()).isEqualTo(304);
		assertThat(same.getResponseBody()).isNull();
		assertThat(same.getResponseHeaders().getETag()).isEqualTo(etag);
		assertThat(same.getResponseHeaders().getCacheControl()).isEqualTo("public, max-age=10");
		assertThat(conditional(query, "W/\"other\", " + etag.substring(2)).getStatus().value()).as("weak comparison")
			.isEqualTo(304);
		EntityExchangeResult<byte[]> other = conditional(query, "W/\"other\"");
		assertThat(other.getStatus().value()).isEqualTo(200);
		assertThat(new String(other.getResponseBody(), StandardCharsets.UTF_8)).contains("Hà Giang");
	}

	@Test
	void shouldNotLetASharedCacheKeepTheVisitorCookieOfACacheableAnswer() {
		// A cookieless request is given a visitor cookie: a CDN keeping that response
		// would give it to everyone.
		String query = "{ agency(code: \"P04\") { name } }";
		EntityExchangeResult<String> miss = post(Map.of("query", query), null);
		assertThat(miss.getResponseHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(miss.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE)).startsWith("egov_vid=");
		assertThat(miss.getResponseHeaders().getCacheControl()).isEqualTo("private, max-age=10");
		EntityExchangeResult<String> hit = post(Map.of("query", query), null);
		assertThat(hit.getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(hit.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE)).isNull();
		assertThat(hit.getResponseHeaders().getCacheControl()).isEqualTo("public, max-age=10");
	}

	@Test
	void shouldCacheQueriesWithRequiredVariables() {
		// A required variable used to make the read-set analysis fail, and such a query
		// was never cached.
		String query = "query ranking($year: Int!, $block: Block!) { ranking(framework: DTI, year: $year, block: $block, first: 3) { totalCount } }";
		assertThat(post(Map.of("query", query, "variables", Map.of("year", 2021, "block", "PROVINCES")), null)
			.getResponseHeaders()
			.getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(post(Map.of("query", query, "variables", Map.of("year", 2021, "block", "PROVINCES")), null)
			.getResponseHeaders()
			.getFirst("X-Cache")).isEqualTo("HIT");
		// other values of the variables are other answers
		assertThat(post(Map.of("query", query, "variables", Map.of("year", 2020, "block", "PROVINCES")), null)
			.getResponseHeaders()
			.getFirst("X-Cache")).isEqualTo("MISS");
	}

	@Test
	void shouldComputeAnAnswerOnceForRequestsThatMissTogether() {
		// Requests that arrive while the answer is being computed wait for it: one MISS,
		// not one per connection.
		String query = "{ ranking(framework: DTI, year: 2023, block: PROVINCES, first: 63) { edges { node { rank agency { code name } } } } }";
		WebClient client = WebClient.create("http://localhost:" + this.port);
		Flux.range(0, 24)
			.flatMap((i) -> client.post()
				.uri("/graphql")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("query", query))
				.retrieve()
				.toEntity(String.class), 24)
			.map((response) -> {
				assertThat(response.getBody()).contains("\"rank\":1").doesNotContain("errors");
				return String.valueOf(response.getHeaders().getFirst("X-Cache"));
			})
			.collectList()
			.as(StepVerifier::create)
			.assertNext((cache) -> assertThat(cache).hasSize(24).containsOnly("MISS", "HIT").containsOnlyOnce("MISS"))
			.verifyComplete();
	}

	@Test
	void shouldTakeAnAnswerStoredBetweenItsLookUpAndItsWaitFromTheCache() {
		// The gap the burst above hits by chance (once in CI), made to happen: the
		// second request looks the answer up (missing), the first stores it and stops
		// running, and only then does the second begin to wait. It must take the
		// stored answer, not compute it again.
		String query = "{ ranking(framework: DTI, year: 2021, block: PROVINCES, first: 5) { edges { node { rank } } } }";
		WebGraphQlRequest first = TestRequests.anonymous(query);
		Sinks.One<WebGraphQlResponse> answer = Sinks.one();
		CompletableFuture<WebGraphQlResponse> computed = computing(first, answer);
		AtomicInteger computations = new AtomicInteger();
		Mono<WebGraphQlResponse> late = withoutComputing(query, computations);
		answer.tryEmitValue(rankingAnswer(first));
		assertThat(computed.join().getResponseHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		StepVerifier.create(late)
			.assertNext((response) -> assertThat(response.getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT"))
			.verifyComplete();
		assertThat(computations).hasValue(0);
	}

	@Test
	void shouldStillWaitForAnAnswerBeingComputedWhenAWriteChangesSomethingItDoesNotRead() {
		// Traffic is written every second under load (and by other tests here): such a
		// write used to send every request that missed meanwhile to compute its answer
		// again, two MISS in one CI run of the burst above.
		String query = "{ ranking(framework: DTI, year: 2022, block: PROVINCES, first: 4) { edges { node { rank } } } }";
		WebGraphQlRequest first = TestRequests.anonymous(query);
		Sinks.One<WebGraphQlResponse> answer = Sinks.one();
		CompletableFuture<WebGraphQlResponse> computed = computing(first, answer);
		this.responses.onChange(DataChangedEvent.of("traffic", "portal"));
		AtomicInteger computations = new AtomicInteger();
		CompletableFuture<WebGraphQlResponse> waiting = withoutComputing(query, computations).toFuture();
		answer.tryEmitValue(rankingAnswer(first));
		assertThat(computed.join().getResponseHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(waiting.join().getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(computations).hasValue(0);
	}

	@Test
	void shouldNotWaitForAnAnswerBeingComputedWhenAWriteChangesWhatItReads() {
		// The answer being computed may have read the rankings before the write: a
		// request arriving after it computes its own, and only that one is stored.
		String query = "{ ranking(framework: DTI, year: 2020, block: PROVINCES, first: 4) { edges { node { rank } } } }";
		WebGraphQlRequest first = TestRequests.anonymous(query);
		WebGraphQlRequest second = TestRequests.anonymous(query);
		Sinks.One<WebGraphQlResponse> answer = Sinks.one();
		CompletableFuture<WebGraphQlResponse> computed = computing(first, answer);
		this.responses.onChange(DataChangedEvent.of("assessment", "DTI"));
		AtomicInteger computations = new AtomicInteger();
		WebGraphQlResponse after = this.responses.intercept(second, (request) -> {
			computations.incrementAndGet();
			return Mono.just(rankingAnswer(second));
		}).block(Duration.ofSeconds(10));
		answer.tryEmitValue(rankingAnswer(first));
		assertThat(computations).hasValue(1);
		assertThat(after.getResponseHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(computed.join().getResponseHeaders().getFirst("X-Cache")).isNull();
		assertThat(withoutComputing(query, computations).block(Duration.ofSeconds(10))
			.getResponseHeaders()
			.getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(computations).hasValue(1);
	}

	@Test
	void shouldDropACachedAnswerAtOnceWhenAWriteChangesWhatItRead() {
		String query = "{ measurements(indicatorCode: \"AGENCIES_SERVING_24_7\", agencyCode: \"P68\") { totalCount edges { node { value } } } }";
		post(Map.of("query", query), null);
		assertThat(post(Map.of("query", query), null).getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		record("AGENCIES_SERVING_24_7", "P68", 64.5);
		EntityExchangeResult<String> after = post(Map.of("query", query), null);
		assertThat(after.getResponseHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(after.getResponseBody()).contains("\"totalCount\":1").contains("64.5");
	}

	@Test
	void shouldKeepAnswersThatAWriteDidNotTouch() {
		String query = "{ document(number: \"50/BTTTT-CĐSQG\") { title tasks { number } } }";
		post(Map.of("query", query), null);
		record("AGENCIES_SERVING_24_7", "P70", 51);
		assertThat(post(Map.of("query", query), null).getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
	}

	@Test
	void shouldNeverCacheMutationsErrorsOrCallersWithCredentials() {
		String failing = "{ agencies(first: 1000) { totalCount } }";
		post(Map.of("query", failing), null);
		assertThat(post(Map.of("query", failing), null).getResponseHeaders().getFirst("X-Cache")).isNull();
		String query = "{ agency(code: \"P01\") { name } }";
		String signedIn = "Bearer " + TestTokens.token("analyst", Role.ANALYST, null);
		post(Map.of("query", query), signedIn);
		assertThat(post(Map.of("query", query), signedIn).getResponseHeaders().getFirst("X-Cache")).isNull();
		String mutation = "mutation { recordMeasurement(input: {indicatorCode: \"X\", agencyCode: \"P01\", period: \"2020-12-31\", value: 1, source: \"s\"}) { id } }";
		assertThat(post(Map.of("query", mutation), null).getResponseHeaders().getFirst("X-Cache")).isNull();
	}

	@Test
	void shouldRunPersistedQueriesByTheirHash() throws Exception {
		String query = "{ agency(code: \"P48\") { name nameEn } }";
		String hash = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8)));
		Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
		assertThat(post(Map.of("extensions", extensions), null).getResponseBody()).contains("PersistedQueryNotFound");
		assertThat(post(Map.of("query", query, "extensions", extensions), null).getResponseBody()).contains("Đà Nẵng");
		assertThat(post(Map.of("extensions", extensions), null).getResponseBody()).contains("Đà Nẵng");
		Map<String, Object> wrong = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", "0".repeat(64)));
		assertThat(post(Map.of("query", query, "extensions", wrong), null).getResponseBody())
			.contains("PersistedQueryIdInvalid");
	}

	@Test
	void shouldNotServeAnAnswerToOtherVariablesThatPrintTheSame() {
		// gh-18: the key hashed new TreeMap<>(variables).toString(), so these two shared
		// a key and the attacker's empty answer was served to the victim.
		String query = "query($filter: AgencyFilter) { agencies(filter: $filter) { totalCount edges { node { code } } } }";
		Map<String, Object> attack = Map.of("filter", Map.of("search", "hoa binh, asOf=2017-01-01"));
		Map<String, Object> filter = new LinkedHashMap<>();
		filter.put("search", "hoa binh");
		filter.put("asOf", "2017-01-01");
		EntityExchangeResult<String> poison = post(Map.of("query", query, "variables", attack), null);
		assertThat(poison.getResponseBody()).contains("\"totalCount\":0");
		assertThat(post(Map.of("query", query, "variables", attack), null).getResponseHeaders().getFirst("X-Cache"))
			.isEqualTo("HIT");
		EntityExchangeResult<String> victim = post(Map.of("query", query, "variables", Map.of("filter", filter)), null);
		assertThat(victim.getResponseHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(victim.getResponseBody()).contains("\"totalCount\":1").contains("\"code\":\"P17\"");
		// The same bytes again go through the shortcut of the victim's own answer.
		EntityExchangeResult<String> again = post(Map.of("query", query, "variables", Map.of("filter", filter)), null);
		assertThat(again.getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(again.getResponseBody()).isEqualTo(victim.getResponseBody());
	}

	@Test
	void shouldDropAnAnswerWhenAWriteChangesWhatItReadUnderAnIncludeDirective() {
		// What a document reads must not depend on the variables of the request that
		// first analysed it: with $plans false it reads no plan, with true it does.
		String query = "query($plans: Boolean!) { agency(code: \"P01\") { name } plans(filter: {agencyCode: \"P01\"}) @include(if: $plans) { totalCount } }";
		post(Map.of("query", query, "variables", Map.of("plans", false)), null);
		EntityExchangeResult<String> before = post(Map.of("query", query, "variables", Map.of("plans", true)), null);
		assertThat(post(Map.of("query", query, "variables", Map.of("plans", true)), null).getResponseHeaders()
			.getFirst("X-Cache")).isEqualTo("HIT");
		int plans = totalCount(before.getResponseBody());
		asEditorOf("P01").documentName("plan/createPlan")
			.variable("input",
					Map.of("agencyCode", "P01", "kind", "ANNUAL", "title", "Kế hoạch kiểm thử bộ nhớ đệm",
							"periodStart", 2026, "periodEnd", 2026))
			.execute()
			.path("createPlan.id")
			.hasValue();
		EntityExchangeResult<String> after = post(Map.of("query", query, "variables", Map.of("plans", true)), null);
		assertThat(after.getResponseHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(totalCount(after.getResponseBody())).isEqualTo(plans + 1);
	}

	private static int totalCount(String body) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"totalCount\":(\\d+)").matcher(body);
		assertThat(matcher.find()).as("totalCount in %s", body).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	@Test
	void shouldKnowWhichEntityEveryTypeOfTheSchemaBelongsTo() {
		List<String> unmapped = this.graphQlSource.schema()
			.getAllTypesAsList()
			.stream()
			.filter(GraphQLObjectType.class::isInstance)
			.map((type) -> type.getName())
			.filter((name) -> !name.startsWith("__") && !name.equals("Mutation"))
			.filter((name) -> !ReadSets.ENTITIES.containsKey(name.replaceFirst("(Connection|Edge)$", "")))
			.toList();
		assertThat(unmapped).as("types to add to ReadSets.ENTITIES").isEmpty();
	}

	/** Posts a body: a map, written as JSON, or JSON text as it is. */
	private EntityExchangeResult<String> post(Object body, String authorization) {
		var request = this.http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
		if (authorization != null) {
			request = request.header("Authorization", authorization);
		}
		return request.bodyValue(body).exchange().expectBody(String.class).returnResult();
	}

	/**
	 * The cache's answer to {@code request}, computed by a chain that answers when
	 * {@code answer} emits.
	 */
	private CompletableFuture<WebGraphQlResponse> computing(WebGraphQlRequest request,
			Sinks.One<WebGraphQlResponse> answer) {
		return this.responses.intercept(request, (chained) -> answer.asMono()).toFuture();
	}

	/**
	 * The cache's answer to {@code query}, by a chain that may not compute it: it counts
	 * in {@code computations} and fails.
	 */
	private Mono<WebGraphQlResponse> withoutComputing(String query, AtomicInteger computations) {
		return this.responses.intercept(TestRequests.anonymous(query), (request) -> {
			computations.incrementAndGet();
			return Mono.error(new IllegalStateException("computed a second time"));
		});
	}

	/** An answer to a ranking query, as the chain inside the cache would give it. */
	private static WebGraphQlResponse rankingAnswer(WebGraphQlRequest request) {
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(),
				ExecutionResult.newExecutionResult().data(Map.of("ranking", Map.of("edges", List.of()))).build()));
	}

	private double responseCacheHits() {
		return this.registry.get("cache.gets")
			.tag("cache", CacheConfiguration.RESPONSES)
			.tag("result", "hit")
			.functionCounter()
			.count();
	}

	private double shortcutAnswers() {
		return this.registry.get("egov.graphql.shortcut.answers").counter().count();
	}

	private EntityExchangeResult<byte[]> conditional(String query, String ifNoneMatch) {
		return this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.IF_NONE_MATCH, ifNoneMatch)
			.bodyValue(Map.of("query", query))
			.exchange()
			.expectBody()
			.returnResult();
	}

	private void record(String indicator, String agency, double value) {
		asAdmin().documentName("progress/recordMeasurement")
			.variable("input",
					Map.of("indicatorCode", indicator, "agencyCode", agency, "period", "2024-12-31", "value", value,
							"source", "Kiểm thử bộ nhớ đệm (test)"))
			.execute()
			.path("recordMeasurement.id")
			.hasValue();
	}

}
