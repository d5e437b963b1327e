package vn.egov.dashboard.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Answers a request that is refused before GraphQL runs (too large, too many requests,
 * not JSON) with a body shaped like a GraphQL response, so that clients read every
 * refusal the same way:
 * {@code {"errors":[{"message":"…","extensions":{"classification":"…",…}}]}}.
 */
public final class ErrorBodies {

	private ErrorBodies() {
	}

	/**
	 * Writes one error with {@code status}; {@code extensions} should start with the
	 * classification.
	 */
	public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, JsonMapper json, String message,
			Map<String, Object> extensions) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", extensions);
		byte[] body = json.writeValueAsBytes(Map.of("errors", List.of(error)));
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(body.length);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

}
