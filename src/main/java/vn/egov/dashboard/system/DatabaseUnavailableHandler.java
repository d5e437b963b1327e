package vn.egov.dashboard.system;

import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import vn.egov.dashboard.graphql.ErrorBodies;

/**
 * A request that failed outside GraphQL because the database is away (the assessment CSV
 * upload, the check of an API key) is answered {@code 503 Service Unavailable} with
 * {@code Retry-After} and the body every error of this API has:
 * {@code {"errors":[{"message":…,"extensions":{"classification":"SERVICE_UNAVAILABLE",…}}]}},
 * the same error a GraphQL field gets. Not logged: the {@link DatabaseWatch} logs the
 * outage once. Runs before the last-resort handler ({@link RequestPipeline}); anything
 * else is passed on to it. The beacon does not touch the database (it buffers).
 */
@Component
@Order(RequestPipeline.DATABASE_UNAVAILABLE)
class DatabaseUnavailableHandler implements WebExceptionHandler {

	private final JsonMapper json;

	DatabaseUnavailableHandler(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (!DatabaseUnavailable.isCauseOf(ex) || response.isCommitted()) {
			return Mono.error(ex);
		}
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()));
		Map<String, Object> extensions = ErrorBodies.extensions(HttpStatus.SERVICE_UNAVAILABLE);
		extensions.put("retryAfterSeconds", DatabaseUnavailable.RETRY_AFTER.toSeconds());
		return ErrorBodies.write(response, HttpStatus.SERVICE_UNAVAILABLE, this.json, DatabaseUnavailable.MESSAGE,
				extensions);
	}

}
