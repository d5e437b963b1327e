package vn.egov.dashboard.system;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * The HTTP endpoints that are not GraphQL (the assessment CSV upload, …) answer a request
 * that failed because the database is away with {@code 503 Service Unavailable},
 * {@code Retry-After} and {@code {"message": "…"}} rather than a 500 with a logged stack
 * trace. Runs before the error handler ({@link RequestPipeline}); anything else is passed
 * on to it. GraphQL requests map the same failures to SERVICE_UNAVAILABLE errors instead,
 * and the beacon does not touch the database (it buffers).
 */
@Component
@Order(RequestPipeline.DATABASE_UNAVAILABLE)
class DatabaseUnavailableHandler implements WebExceptionHandler {

	private static final byte[] BODY = ("{\"message\":\"" + DatabaseUnavailable.MESSAGE + "\"}")
		.getBytes(StandardCharsets.UTF_8);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (!DatabaseUnavailable.isCauseOf(ex) || response.isCommitted()) {
			return Mono.error(ex);
		}
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		HttpHeaders headers = response.getHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(DatabaseUnavailable.RETRY_AFTER.toSeconds()));
		headers.setContentType(MediaType.APPLICATION_JSON);
		DataBuffer body = response.bufferFactory().wrap(BODY);
		return response.writeWith(Mono.just(body));
	}

}
