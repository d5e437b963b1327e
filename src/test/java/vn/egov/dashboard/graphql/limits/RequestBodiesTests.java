package vn.egov.dashboard.graphql.limits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies of {@code POST /graphql} that are too large or not GraphQL requests: refused
 * with their 4xx status and a GraphQL-shaped error, never Boot's error page or a 500.
 */
class RequestBodiesTests extends IntegrationTests {

	private static final int MAX = 256 * 1024;

	@Autowired
	private JsonMapper json;

	@Test
	void shouldRefuseABodyOverTheLimitWith413() {
		String body = this.json
			.writeValueAsString(Map.of("query", "{ __typename }", "variables", Map.of("pad", "x".repeat(MAX))));
		Answer answer = post(body);
		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.error()).containsEntry("classification", "LIMIT_EXCEEDED")
			.containsEntry("limit", "bodySize")
			.containsEntry("measured", body.getBytes(StandardCharsets.UTF_8).length)
			.containsEntry("max", MAX);
	}

	@Test
	void shouldRefuseAChunkedBodyOverTheLimitAsItIsRead() {
		// Without Content-Length: counted while read, refused once past the limit.
		Flux<String> chunks = Flux.concat(Flux.just("{\"query\": \"{ __typename }\", \"variables\": {\"pad\": \""),
				Flux.range(0, 40).map((i) -> "y".repeat(8 * 1024)), Flux.just("\"}}"));
		var answer = client().post()
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks, String.class)
			.exchangeToMono((r) -> r.bodyToMono(Map.class).map((body) -> new Answer(r.statusCode().value(), body)))
			.block(Duration.ofSeconds(30));
		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.error()).containsEntry("classification", "LIMIT_EXCEEDED").containsEntry("limit", "bodySize");
	}

	@Test
	void shouldAnswerABodyJustUnderTheLimit() {
		String body = this.json
			.writeValueAsString(Map.of("query", "{ __typename }", "variables", Map.of("pad", "x".repeat(MAX - 100))));
		Answer answer = post(body);
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo(Map.of("data", Map.of("__typename", "Query")));
	}

	@Test
	void shouldRefuseBodiesThatAreNotGraphQlRequestsWithAGraphQlShaped400() {
		for (String body : new String[] { "not json", "{\"query\": \"{ __typename }\", \"variables\": \"abc\"}",
				"[1, 2]", "{\"query\": \"{ __typename }\"", "" }) {
			Answer answer = post(body);
			assertThat(answer.status()).as(body).isEqualTo(400);
			assertThat(answer.error()).as(body).containsEntry("classification", "BAD_REQUEST");
		}
	}

	private Answer post(String body) {
		return client().post()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchangeToMono((r) -> r.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> new Answer(r.statusCode().value(),
						text.isEmpty() ? Map.of() : this.json.readValue(text, Map.class))))
			.block(Duration.ofSeconds(30));
	}

	private WebClient client() {
		return WebClient.create("http://localhost:" + this.port + "/graphql");
	}

	record Answer(int status, Map<?, ?> body) {

		@SuppressWarnings("unchecked")
		Map<String, Object> error() {
			var errors = (java.util.List<Map<String, Object>>) this.body.get("errors");
			assertThat(errors).hasSize(1);
			return (Map<String, Object>) errors.get(0).get("extensions");
		}

	}

}
