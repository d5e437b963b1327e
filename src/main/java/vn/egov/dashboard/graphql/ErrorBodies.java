package vn.egov.dashboard.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;

/**
 * Answers a request that is refused before GraphQL runs (too large, too many requests,
 * not JSON, no such endpoint) with a body shaped like a GraphQL response, so that clients
 * read every refusal the same way:
 * {@code {"errors":[{"message":"…","extensions":{"classification":"…",…}}]}}.
 */
public final class ErrorBodies {

	private ErrorBodies() {
	}

	/**
	 * Writes one error with {@code status}; {@code extensions} should start with the
	 * classification.
	 */
	public static Mono<Void> write(ServerHttpResponse response, HttpStatusCode status, JsonMapper json, String message,
			Map<String, Object> extensions) {
		byte[] body = json.writeValueAsBytes(body(message, extensions));
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().setContentLength(body.length);
		DataBuffer buffer = response.bufferFactory().wrap(body);
		return response.writeWith(Mono.just(buffer));
	}

	/**
	 * The GraphQL-shaped body of one error, for handlers that answer with a
	 * {@code ResponseEntity}.
	 */
	public static Map<String, Object> body(String message, Map<String, Object> extensions) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", extensions);
		return Map.of("errors", List.of(error));
	}

	/**
	 * The extensions of an error answered with HTTP {@code status}: its classification
	 * ({@link #classification}) and the status.
	 */
	public static Map<String, Object> extensions(HttpStatusCode status) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("classification", classification(status));
		extensions.put("status", status.value());
		return extensions;
	}

	/**
	 * The classification of an HTTP error status: UNAUTHORIZED (401), FORBIDDEN (403),
	 * NOT_FOUND (404), RATE_LIMITED (429), SERVICE_UNAVAILABLE (503), BAD_REQUEST (any
	 * other 4xx) or INTERNAL_ERROR (any other 5xx).
	 */
	public static String classification(HttpStatusCode status) {
		return switch (status.value()) {
			case 401 -> "UNAUTHORIZED";
			case 403 -> "FORBIDDEN";
			case 404 -> "NOT_FOUND";
			case 429 -> EgovErrorType.RATE_LIMITED.name();
			case 503 -> EgovErrorType.SERVICE_UNAVAILABLE.name();
			default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
		};
	}

	/**
	 * What went wrong, for people, when a request is answered with {@code status} before
	 * any handler of ours said why; {@code response} holds the headers of the answer
	 * ({@code Allow} of a 405, {@code Accept} of a 415). Never Spring's own reason, which
	 * can name Java types.
	 */
	public static String message(HttpStatusCode status, ServerHttpRequest request, HttpHeaders response) {
		return switch (status.value()) {
			case 400 -> "The request is malformed";
			case 401 -> "Not signed in";
			case 403 -> "Forbidden";
			case 404 -> "Not found: nothing answers " + request.getMethod() + " at this path; the API is POST /graphql";
			case 405 -> "Method " + request.getMethod() + " is not allowed here"
					+ (response.getAllow().isEmpty() ? ""
							: "; use " + response.getAllow()
								.stream()
								.map(HttpMethod::name)
								.sorted()
								.collect(Collectors.joining(" or ")));
			case 406 -> "Not acceptable: accept application/json";
			case 413 -> "The request body is too large";
			case 415 -> "Unsupported Content-Type" + contentType(request) + "; send " + (response.getAccept().isEmpty()
					? "application/json"
					: response.getAccept().stream().map(MediaType::toString).collect(Collectors.joining(" or ")));
			case 429 -> "Too many requests; retry later";
			case 503 -> "The service is unavailable; retry later";
			default -> status.is4xxClientError() ? "The request cannot be answered (HTTP " + status.value() + ")"
					: "Internal error";
		};
	}

	private static String contentType(ServerHttpRequest request) {
		String given = request.getHeaders().getFirst("Content-Type");
		if (given == null) {
			return " (none given)";
		}
		return " " + ((given.length() > 60) ? given.substring(0, 60) + "…" : given);
	}

}
