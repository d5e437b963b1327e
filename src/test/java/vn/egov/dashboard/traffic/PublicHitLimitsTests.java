package vn.egov.dashboard.traffic;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import vn.egov.dashboard.CappedServer;
import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What anonymous hits may write, on a server with low caps ({@link CappedServer}): pages
 * created by hits are capped per site, and every hit draws one token from the client's
 * beacon budget, whether it came through the beacon or the {@code recordHits} mutation,
 * in one request or many, under one alias or thirty. Each test is a client of its own
 * (its {@code X-Forwarded-For} address) on a site of its own.
 */
@CappedServer
class PublicHitLimitsTests extends IntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private SiteDirectory directory;

	@Autowired
	private HitFlusher flusher;

	@Autowired
	private MeterRegistry meters;

	private String site;

	@BeforeEach
	void setUp() {
		this.site = TestSites.create(this.db, this.directory);
	}

	@Test
	void shouldCreateNoMorePagesForASiteThanItsCap() {
		double refusedBefore = rejected("page-limit");
		List<Map<String, Object>> hits = IntStream.range(0, 8)
			.mapToObj((i) -> Map.<String, Object>of("site", this.site, "path", "/junk/" + i, "title", "junk " + i))
			.toList();
		Answer first = beacon("198.51.100.1", hits);
		assertThat(first.status()).isEqualTo(202);
		assertThat(first.body()).containsEntry("accepted", 5).containsEntry("rejected", 3);
		assertThat(rejections(first)).extracting((r) -> r.get("index"), (r) -> r.get("field"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple(5, "path"),
					org.assertj.core.groups.Tuple.tuple(6, "path"), org.assertj.core.groups.Tuple.tuple(7, "path"));
		assertThat(rejections(first).get(0).get("reason").toString()).contains("5 pages");
		assertThat(rejected("page-limit") - refusedBefore).isEqualTo(3);

		// At the cap, hits for the site's pages still count; new paths do not, through
		// GraphQL either.
		Answer known = beacon("198.51.100.2", List.of(Map.of("site", this.site, "path", "/junk/0")));
		assertThat(known.body()).containsEntry("accepted", 1);
		Map<String, Object> graphQl = recordHits("198.51.100.3",
				List.of(Map.of("site", this.site, "path", "/junk/4"), Map.of("site", this.site, "path", "/junk/new")));
		assertThat(graphQl).containsEntry("accepted", 1).containsEntry("rejected", 1);
		assertThat(rejected("page-limit") - refusedBefore).isEqualTo(4);

		this.flusher.flush();
		assertThat(count("page", "site_code = '" + this.site + "'")).isEqualTo(5);
		assertThat(count("page_day", "site_code = '" + this.site + "'")).isEqualTo(5);
		assertThat(count("page", "site_code = '" + this.site + "' AND path LIKE '/junk/_' AND path > '/junk/4'"))
			.isZero();
		assertThat(viewsOfSite()).as("every accepted hit counts for the site").isEqualTo(7);
	}

	@Test
	void shouldDrawOneBeaconTokenPerHitHoweverTheHitsAreSent() {
		String client = "198.51.100.20";
		Map<String, Object> home = Map.of("site", this.site, "path", "/");
		Answer four = beacon(client, List.of(home, home, home, home));
		assertThat(four.status()).isEqualTo(202);
		assertThat(four.headers().getFirst("x-ratelimit-remaining")).isEqualTo("6");
		// Two aliases of three hits in one GraphQL request: six tokens.
		Map<String, Object> body = graphQl(client,
				"mutation($hits: [HitInput!]!) { a: recordHits(hits: $hits) { accepted } b: recordHits(hits: $hits) { accepted } }",
				Map.of("hits", List.of(home, home, home)));
		assertThat(body).doesNotContainKey("errors");
		// The budget is spent: the beacon answers 429, the mutation RATE_LIMITED, and
		// neither counts anything.
		Answer refused = beacon(client, List.of(home));
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.headers().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(errorExtensions(refused.body())).containsEntry("classification", "RATE_LIMITED")
			.containsEntry("resource", "beacon");
		Map<String, Object> limited = graphQl(client,
				"mutation($hits: [HitInput!]!) { recordHits(hits: $hits) { accepted } }",
				Map.of("hits", List.of(home)));
		assertThat(errorExtensions(limited)).containsEntry("classification", "RATE_LIMITED")
			.containsEntry("resource", "beacon");
		assertThat(limited.get("data")).isNull();
		this.flusher.flush();
		assertThat(viewsOfSite()).isEqualTo(10);
	}

	@Test
	void shouldRefuseABeaconRequestWhoseHitsExceedTheBudgetWhole() {
		String client = "198.51.100.30";
		Map<String, Object> home = Map.of("site", this.site, "path", "/");
		assertThat(beacon(client, java.util.Collections.nCopies(8, home)).status()).isEqualTo(202);
		// 3 hits with 2 tokens left: none of them is counted; the request itself spent
		// one token, as any request does.
		double refusedBefore = rejected("rate-limited");
		Answer refused = beacon(client, List.of(home, home, home));
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.headers().getFirst("x-ratelimit-remaining")).isEqualTo("1");
		assertThat(rejected("rate-limited") - refusedBefore).isEqualTo(3);
		assertThat(beacon(client, List.of(home)).status()).isEqualTo(202);
		this.flusher.flush();
		assertThat(viewsOfSite()).isEqualTo(9);
	}

	@Test
	void shouldDrawTheSameBudgetOverAWebSocket() {
		Map<String, Object> home = Map.of("site", this.site, "path", "/");
		WebSocketGraphQlTester webSocket = WebSocketGraphQlTester
			.builder(URI.create("ws://127.0.0.1:" + this.port + "/graphql"), new ReactorNettyWebSocketClient())
			.header("X-Forwarded-For", "198.51.100.40")
			.build();
		String document = "mutation($hits: [HitInput!]!) { a: recordHits(hits: $hits) { accepted } "
				+ "b: recordHits(hits: $hits) { accepted } }";
		webSocket.document(document)
			.variable("hits", java.util.Collections.nCopies(5, home))
			.execute()
			.path("b.accepted")
			.entity(Integer.class)
			.isEqualTo(5);
		webSocket.document(document)
			.variable("hits", List.of(home))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("classification", "RATE_LIMITED")
					.containsEntry("resource", "beacon")));
		StepVerifier.create(webSocket.stop()).verifyComplete();
		// The beacon draws from the same bucket.
		assertThat(beacon("198.51.100.40", List.of(home)).status()).isEqualTo(429);
		this.flusher.flush();
		assertThat(viewsOfSite()).isEqualTo(10);
	}

	// --- helpers

	record Answer(int status, HttpHeaders headers, Map<String, Object> body) {
	}

	private Answer beacon(String client, List<Map<String, Object>> hits) {
		return WebClient.create("http://127.0.0.1:" + this.port + "/api/hits")
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", client)
			.bodyValue(hits)
			.exchangeToMono((response) -> response.bodyToMono(MAP)
				.defaultIfEmpty(Map.of())
				.map((body) -> new Answer(response.statusCode().value(), response.headers().asHttpHeaders(), body)))
			.block(Duration.ofSeconds(10));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> recordHits(String client, List<Map<String, Object>> hits) {
		Map<String, Object> body = graphQl(client,
				"mutation($hits: [HitInput!]!) { recordHits(hits: $hits) { accepted rejected rejections { index field reason } } }",
				Map.of("hits", hits));
		return (Map<String, Object>) ((Map<String, Object>) body.get("data")).get("recordHits");
	}

	private Map<String, Object> graphQl(String client, String document, Map<String, Object> variables) {
		return WebClient.create("http://127.0.0.1:" + this.port + "/graphql")
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", client)
			.bodyValue(Map.of("query", document, "variables", variables))
			.retrieve()
			.bodyToMono(MAP)
			.block(Duration.ofSeconds(10));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rejections(Answer answer) {
		return new ArrayList<>((List<Map<String, Object>>) answer.body().get("rejections"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> errorExtensions(Map<String, Object> body) {
		List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
		assertThat(errors).as("errors of %s", body).hasSize(1);
		return (Map<String, Object>) errors.get(0).get("extensions");
	}

	private double rejected(String reason) {
		var counter = this.meters.find("egov.hits.rejected").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long viewsOfSite() {
		return this.db
			.sql("SELECT coalesce(sum(views), 0) FROM traffic_bucket WHERE site_code = :site AND granularity = 'DAY'")
			.bind("site", this.site)
			.map((row) -> ((Number) row.get(0)).longValue())
			.one()
			.block();
	}

}
