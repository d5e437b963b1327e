package vn.egov.dashboard.cache;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /graphql}: permalinks to queries, answered like a POST and from the same
 * response cache, and never a way to write (issue 21).
 */
class PermalinkTests extends IntegrationTests {

	private WebTestClient http;

	@BeforeEach
	void connect() {
		this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void shouldAnswerAPermalinkWithVariablesFromTheCacheWithETagAnd304() {
		String query = "query ranking($year: Int!) { ranking(framework: DTI, year: $year, block: PROVINCES, first: 2) "
				+ "{ edges { node { rank score agency { code name } } } } }";
		URI link = link(Map.of("query", query, "variables", "{\"year\":2022}"));
		EntityExchangeResult<String> miss = get(link, null);
		assertThat(miss.getStatus().value()).isEqualTo(200);
		assertThat(miss.getResponseBody()).isEqualTo("{\"data\":{\"ranking\":{\"edges\":["
				+ "{\"node\":{\"rank\":1,\"score\":0.8002,\"agency\":{\"code\":\"P48\",\"name\":\"Đà Nẵng\"}}},"
				+ "{\"node\":{\"rank\":2,\"score\":0.7163,\"agency\":{\"code\":\"P79\",\"name\":\"Hồ Chí Minh\"}}}]}}}");
		assertThat(miss.getResponseHeaders().getFirst("X-Cache")).isEqualTo("MISS");
		EntityExchangeResult<String> hit = get(link, null);
		assertThat(hit.getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(hit.getResponseBody()).isEqualTo(miss.getResponseBody());
		assertThat(hit.getResponseHeaders().getCacheControl()).isEqualTo("public, max-age=10");
		assertThat(hit.getResponseHeaders().getVary()).contains(HttpHeaders.ACCEPT);
		String etag = hit.getResponseHeaders().getETag();
		assertThat(etag).isEqualTo(miss.getResponseHeaders().getETag()).startsWith("W/\"");
		EntityExchangeResult<String> notModified = get(link, etag);
		assertThat(notModified.getStatus().value()).isEqualTo(304);
		assertThat(notModified.getResponseBody()).isNull();
		// The same query as a POST is the same cached answer.
		EntityExchangeResult<String> post = this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", query, "variables", Map.of("year", 2022)))
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThat(post.getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(post.getResponseHeaders().getETag()).isEqualTo(etag);
	}

	@Test
	void shouldAnswerAPermalinkToAPersistedQueryByItsHash() throws Exception {
		String query = "{ agency(code: \"P46\") { name nameEn } }";
		String hash = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8)));
		String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
		EntityExchangeResult<String> unknown = get(link(Map.of("extensions", extensions)), null);
		assertThat(unknown.getStatus().value()).isEqualTo(400);
		assertThat(unknown.getResponseBody()).contains("\"classification\":\"BAD_REQUEST\"")
			.contains("\"field\":\"query\"");
		this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", query, "extensions",
					Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))))
			.exchange()
			.expectStatus()
			.isOk();
		EntityExchangeResult<String> first = get(link(Map.of("extensions", extensions)), null);
		assertThat(first.getResponseBody())
			.isEqualTo("{\"data\":{\"agency\":{\"name\":\"Thừa Thiên Huế\"," + "\"nameEn\":\"Thua Thien Hue\"}}}");
		EntityExchangeResult<String> second = get(link(Map.of("extensions", extensions)), null);
		assertThat(second.getResponseHeaders().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(
				get(link(Map.of("extensions", extensions)), second.getResponseHeaders().getETag()).getStatus().value())
			.isEqualTo(304);
	}

	@Test
	void shouldRefuseMutationsAndSubscriptionsOverGetWithoutRunningThem() {
		long votes = count("poll_vote", "true");
		String mutation = "mutation { castVote(pollId: \"1\", optionId: \"1\") { totalVotes } }";
		for (URI link : new URI[] { link(Map.of("query", mutation)),
				link(Map.of("query", "query q { __typename } " + mutation.replace("mutation", "mutation m"),
						"operationName", "m")),
				link(Map.of("query", "subscription { pollResults(pollId: \"1\") { totalVotes } }")) }) {
			EntityExchangeResult<String> refused = get(link, null);
			assertThat(refused.getStatus().value()).as("%s", link).isEqualTo(405);
			assertThat(refused.getResponseHeaders().getAllow()).extracting(Object::toString).containsExactly("POST");
			assertThat(refused.getResponseBody()).isEqualTo("{\"errors\":[{\"message\":\"Only queries can be sent "
					+ "with GET; send mutations and subscriptions with POST\",\"extensions\":"
					+ "{\"classification\":\"BAD_REQUEST\",\"status\":405}}]}");
		}
		assertThat(count("poll_vote", "true")).isEqualTo(votes);
		// The query of a document that also holds a mutation may be linked to.
		EntityExchangeResult<String> query = get(link(Map.of("query",
				"query q { agency(code: \"P01\") { code } } " + mutation.replace("mutation", "mutation m"),
				"operationName", "q")), null);
		assertThat(query.getResponseBody()).isEqualTo("{\"data\":{\"agency\":{\"code\":\"P01\"}}}");
	}

	@Test
	void shouldRefuseParametersThatAreNotJsonObjects() {
		for (String variables : new String[] { "{year: 2022}", "[2022]", "2022" }) {
			EntityExchangeResult<String> refused = get(link(Map.of("query", "{ __typename }", "variables", variables)),
					null);
			assertThat(refused.getStatus().value()).isEqualTo(400);
			assertThat(refused.getResponseBody()).contains("\"message\":\"variables must be a JSON object")
				.contains("\"field\":\"variables\"");
		}
		EntityExchangeResult<String> none = get(link(Map.of()), null);
		assertThat(none.getStatus().value()).isEqualTo(400);
		assertThat(none.getResponseBody()).contains("\"field\":\"query\"");
	}

	private URI link(Map<String, String> parameters) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromUriString("http://localhost:" + this.port + "/graphql");
		parameters.forEach((name, value) -> builder.queryParam(name, "{" + name + "}"));
		return builder.encode().buildAndExpand(parameters).toUri();
	}

	private EntityExchangeResult<String> get(URI link, String etag) {
		return this.http.get().uri(link).headers((headers) -> {
			if (etag != null) {
				headers.setIfNoneMatch(etag);
			}
		}).exchange().expectBody(String.class).returnResult();
	}

}
