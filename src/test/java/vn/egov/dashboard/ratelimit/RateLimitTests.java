package vn.egov.dashboard.ratelimit;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.RestrictedServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limiter on a server whose clients may send 5 requests (beacon: 3) and whose
 * buckets do not refill during the test. Each test is a client of its own through
 * {@code X-Forwarded-For} from loopback, which this server trusts as a proxy.
 */
@RestrictedServer
class RateLimitTests extends IntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	@Test
	void shouldRefuseAClientPastItsBucketWith429AndRetryAfter() {
		for (int i = 0; i < 5; i++) {
			Answer answer = query("198.51.100.10");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.header("x-ratelimit-limit")).isEqualTo("5");
			assertThat(answer.header("x-ratelimit-remaining")).isEqualTo(String.valueOf(4 - i));
			assertThat(answer.header("x-ratelimit-used")).isEqualTo(String.valueOf(i + 1));
			assertThat(answer.header("x-ratelimit-resource")).isEqualTo("graphql");
			assertThat(Long.parseLong(answer.header("x-ratelimit-reset")))
				.isGreaterThan(Instant.now().getEpochSecond());
		}
		Answer refused = query("198.51.100.10");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("x-ratelimit-remaining")).isEqualTo("0");
		// One token every 12 minutes (5 an hour): the next one is about 720 s away.
		long retryAfter = Long.parseLong(refused.header(HttpHeaders.RETRY_AFTER));
		assertThat(retryAfter).isBetween(700L, 720L);
		assertThat(refused.errorExtensions()).containsEntry("classification", "RATE_LIMITED")
			.containsEntry("retryAfter", (int) retryAfter)
			.containsEntry("limit", 5)
			.containsEntry("resource", "graphql");
		// Another client is not affected, and the actuator is never limited.
		assertThat(query("198.51.100.11").status()).isEqualTo(200);
		Answer health = send("198.51.100.10",
				WebClient.create("http://localhost:" + this.port + "/actuator/health").get());
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.header("x-ratelimit-limit")).isNull();
	}

	@Test
	void shouldGiveTheBeaconABudgetOfItsOwn() {
		while (query("198.51.100.20").status() != 429) {
			// drain the GraphQL bucket
		}
		for (int i = 0; i < 3; i++) {
			Answer hit = hit("198.51.100.20");
			assertThat(hit.status()).isEqualTo(202);
			assertThat(hit.header("x-ratelimit-resource")).isEqualTo("beacon");
			assertThat(hit.header("x-ratelimit-limit")).isEqualTo("3");
		}
		Answer refused = hit("198.51.100.20");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(refused.errorExtensions()).containsEntry("classification", "RATE_LIMITED")
			.containsEntry("resource", "beacon");
	}

	@Test
	void shouldNotExemptLoopback() {
		List<Integer> statuses = new java.util.ArrayList<>();
		for (int i = 0; i < 6; i++) {
			statuses.add(query(null).status());
		}
		assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
	}

	@Test
	void shouldCountEveryOperationSentOverAWebSocket() {
		WebSocketGraphQlTester webSocket = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new ReactorNettyWebSocketClient())
			.header("X-Forwarded-For", "198.51.100.30")
			.build();
		// The handshake took one token; four operations take the rest.
		for (int i = 0; i < 4; i++) {
			webSocket.document("{ __typename }").execute().path("__typename").entity(String.class).isEqualTo("Query");
		}
		webSocket.document("{ __typename }").execute().errors().satisfy((errors) -> {
			assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("classification", "RATE_LIMITED")
					.containsEntry("resource", "graphql");
				assertThat(error.getMessage()).contains("Retry after");
			});
		});
		StepVerifier.create(webSocket.stop()).verifyComplete();
	}

	private Answer query(String client) {
		return send(client,
				WebClient.create("http://localhost:" + this.port + "/graphql")
					.post()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("query", "{ __typename }")));
	}

	private Answer hit(String client) {
		return send(client,
				WebClient.create("http://localhost:" + this.port + "/api/hits")
					.post()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("site", "CDSQG", "path", "/rate-limit-test")));
	}

	private static Answer send(String client, WebClient.RequestHeadersSpec<?> request) {
		if (client != null) {
			request.header("X-Forwarded-For", client);
		}
		return request
			.exchangeToMono((response) -> response.bodyToMono(Map.class)
				.defaultIfEmpty(Map.of())
				.map((body) -> new Answer(response.statusCode().value(), response.headers().asHttpHeaders(), body)))
			.block(TIMEOUT);
	}

	record Answer(int status, HttpHeaders headers, Map<?, ?> body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> errorExtensions() {
			List<Map<String, Object>> errors = (List<Map<String, Object>>) this.body.get("errors");
			assertThat(errors).hasSize(1);
			return (Map<String, Object>) errors.get(0).get("extensions");
		}

	}

}
