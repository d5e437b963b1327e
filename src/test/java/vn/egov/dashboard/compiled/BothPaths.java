package vn.egov.dashboard.compiled;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sends a query on the compiled path or on the ordinary one, and compares answers by
 * value: the tests of the compiled path.
 */
final class BothPaths {

	private BothPaths() {
	}

	/**
	 * A client for the server at {@code port}; a page of agencies with all their scores
	 * is larger than the default buffer (256 KB).
	 */
	static WebTestClient client(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * The whole answer; {@code compiled: false} asks for the ordinary path. The query
	 * starts with a comment of its own so that no answer comes from the response cache,
	 * where another test's identical query may have left one, and neither path is passed
	 * over.
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> post(WebTestClient http, String query, Map<String, Object> variables, boolean compiled) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("query", "# " + UUID.randomUUID() + "\n" + query);
		request.put("variables", variables);
		if (!compiled) {
			request.put("extensions", Map.of(CompiledExecutionStrategy.EXTENSION, false));
		}
		byte[] body = http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JsonMapper.shared().readValue(body, Map.class);
	}

	/** Numbers as doubles: the compiled path may write 1 where the other writes 1.0. */
	static Object numbersAsDoubles(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> result = new LinkedHashMap<>();
			map.forEach((key, item) -> result.put(key, numbersAsDoubles(item)));
			return result;
		}
		if (value instanceof List<?> list) {
			return list.stream().map(BothPaths::numbersAsDoubles).toList();
		}
		return (value instanceof Number number) ? number.doubleValue() : value;
	}

}
