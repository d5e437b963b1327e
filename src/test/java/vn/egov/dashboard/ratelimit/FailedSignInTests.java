package vn.egov.dashboard.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.r2dbc.autoconfigure.ProxyConnectionFactoryCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed authentications draw on a budget per address (issue 18, item 5: 600 well-formed
 * bad API keys from one address in 0.9 s were 600 × 401, each a database lookup). Here an
 * address may fail 5 times in an hour; each test is an address of its own through
 * {@code X-Forwarded-For} from loopback, which this server trusts. The statements that
 * read {@code api_key} are counted, to prove that a refused request looks nothing up.
 */
@TestPropertySource(properties = { "egov.rate-limit.failed-sign-in.capacity=5",
		"egov.rate-limit.failed-sign-in.refill-period=1h", "egov.rate-limit.trusted-proxies=127.0.0.0/8,::1/128" })
class FailedSignInTests extends IntegrationTests {

	private static final AtomicInteger keyLookups = new AtomicInteger();

	private static final String QUERY = "{\"query\":\"{ viewer { name } }\"}";

	/** Well-formed (egov_<8>_<40> in base32), so each one is looked up; unknown. */
	private static String badKey(int i) {
		return "egov_" + "abcdefg" + (char) ('a' + i % 26) + "_" + "k".repeat(40);
	}

	@Test
	void shouldRefuseAnAddressPastItsFailedSignInsWithoutLookingTheKeyUp() {
		String address = "198.51.100.50";
		for (int i = 0; i < 5; i++) {
			assertThat(send(address, "X-API-Key", badKey(i)).status()).isEqualTo(401);
		}
		int lookups = keyLookups.get();
		// 100 more at once: all refused before their key is checked.
		List<Answer> refused = Flux.range(0, 100)
			.flatMap((i) -> sendAsync(address, "X-API-Key", badKey(i)), 100)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(refused).hasSize(100).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(429);
			assertThat(answer.headers().getFirst("x-ratelimit-resource")).isEqualTo("sign-in");
			assertThat(Long.parseLong(answer.headers().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(700L, 720L);
			Map<?, ?> error = (Map<?, ?>) ((List<?>) answer.body().get("errors")).get(0);
			assertThat((String) error.get("message"))
				.startsWith("Too many failed sign-ins from this client: at most 5 at once, and 5 every 3600 s");
			Map<?, ?> extensions = (Map<?, ?>) error.get("extensions");
			assertThat(extensions.get("classification")).isEqualTo("RATE_LIMITED");
			assertThat(extensions.get("resource")).isEqualTo("sign-in");
			assertThat(extensions.get("limit")).isEqualTo(5);
		});
		assertThat(keyLookups.get()).as("api_key lookups after the budget ran out").isEqualTo(lookups);
		// Bad bearer tokens too; anonymous requests and other addresses are not
		// concerned.
		assertThat(send(address, HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.forged(Role.ADMIN)).status())
			.isEqualTo(429);
		assertThat(send(address, null, null).status()).isEqualTo(200);
		assertThat(send("198.51.100.51", "X-API-Key", badKey(0)).status()).isEqualTo(401);
	}

	@Test
	void shouldNotCountGoodCredentials() {
		String address = "198.51.100.52";
		String token = "Bearer " + TestTokens.token("analyst", Role.ANALYST, null);
		for (int i = 0; i < 20; i++) {
			Answer answer = send(address, HttpHeaders.AUTHORIZATION, token);
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.body()).isEqualTo(Map.of("data", Map.of("viewer", Map.of("name", "jwt:analyst"))));
		}
		// 20 good ones and 4 bad ones: the budget still has one failure left.
		for (int i = 0; i < 4; i++) {
			assertThat(send(address, HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.expired(Role.ADMIN)).status())
				.isEqualTo(401);
		}
		assertThat(send(address, HttpHeaders.AUTHORIZATION, token).status()).isEqualTo(200);
		assertThat(send(address, "X-API-Key", badKey(1)).status()).isEqualTo(401);
		assertThat(send(address, HttpHeaders.AUTHORIZATION, token).status()).isEqualTo(429);
	}

	private record Answer(int status, HttpHeaders headers, Map<?, ?> body) {
	}

	private Answer send(String address, String header, String value) {
		return sendAsync(address, header, value).block(Duration.ofSeconds(15));
	}

	private reactor.core.publisher.Mono<Answer> sendAsync(String address, String header, String value) {
		return WebClient.create("http://localhost:" + this.port + "/graphql")
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				headers.set("X-Forwarded-For", address);
				if (header != null) {
					headers.set(header, value);
				}
			})
			.bodyValue(QUERY)
			.exchangeToMono((response) -> response.bodyToMono(Map.class)
				.defaultIfEmpty(Map.of())
				.map((body) -> new Answer(response.statusCode().value(), response.headers().asHttpHeaders(), body)));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CountingConfiguration {

		@Bean
		ProxyConnectionFactoryCustomizer countKeyLookups() {
			return (builder) -> builder.listener(new ProxyExecutionListener() {
				@Override
				public void beforeQuery(QueryExecutionInfo execution) {
					if (execution.getQueries()
						.stream()
						.anyMatch((query) -> query.getQuery().contains("FROM api_key"))) {
						keyLookups.incrementAndGet();
					}
				}
			});
		}

	}

}
