package vn.egov.dashboard.graphql.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import vn.egov.dashboard.graphql.ErrorBodies;
import vn.egov.dashboard.system.RequestPipeline;

/**
 * The bodies of {@code POST /graphql} requests, before GraphQL reads them:
 * <ul>
 * <li>a body over {@code egov.limits.max-body-size} is refused with 413 and a
 * {@code LIMIT_EXCEEDED} error ({@code extensions.limit: "bodySize"}): at once when
 * {@code Content-Length} says so, or as soon as a body sent without one reads past the
 * limit. (A body over the JSON decoder's buffer,
 * {@code spring.http.codecs.max-in-memory-size}, is answered the same way.)</li>
 * <li>a body that is not a GraphQL request (empty, not JSON, {@code variables} not an
 * object, an unsupported media type) keeps its 4xx status (400 for an empty one, which
 * Spring answered with an empty 200) but gets a GraphQL-shaped {@code BAD_REQUEST} body
 * instead of Boot's error page, so that every answer of the endpoint reads the same
 * way.</li>
 * </ul>
 * Runs after the rate limiter, so refused requests still count against their client.
 */
final class RequestBodies implements WebFilter, Ordered {

	private final String path;

	private final long max;

	private final JsonMapper json;

	RequestBodies(String path, long max, JsonMapper json) {
		this.path = path;
		this.max = max;
		this.json = json;
	}

	@Override
	public int getOrder() {
		return RequestPipeline.REQUEST_BODIES;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		if (request.getMethod() != HttpMethod.POST || !path.equals(this.path)) {
			return chain.filter(exchange);
		}
		long declared = request.getHeaders().getContentLength();
		if (declared > this.max) {
			return tooLarge(exchange, declared);
		}
		AtomicLong read = new AtomicLong();
		ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				return super.getBody().handle((buffer, sink) -> {
					if (read.addAndGet(buffer.readableByteCount()) > RequestBodies.this.max) {
						DataBufferUtils.release(buffer);
						sink.error(new DataBufferLimitException("body over " + RequestBodies.this.max + " bytes"));
					}
					else {
						sink.next(buffer);
					}
				});
			}
		};
		return chain.filter(exchange.mutate().request(counted).build()).onErrorResume((ex) -> {
			if (exchange.getResponse().isCommitted()) {
				return Mono.error(ex);
			}
			if (causedBy(ex, DataBufferLimitException.class)) {
				return tooLarge(exchange, Math.max(read.get(), this.max + 1));
			}
			HttpStatus status = clientError(ex);
			return (status != null) ? badRequest(exchange, status) : Mono.error(ex);
		})
			// An empty body is no request at all: Spring's handler answers nothing (200,
			// no body).
			.then(Mono.defer(() -> exchange.getResponse().isCommitted() ? Mono.empty()
					: badRequest(exchange, HttpStatus.BAD_REQUEST)));
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange, long measured) {
		LimitExceeded exceeded = LimitExceeded.bodySize(measured, this.max);
		return ErrorBodies.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE, this.json, exceeded.message(),
				exceeded.extensions());
	}

	private Mono<Void> badRequest(ServerWebExchange exchange, HttpStatus status) {
		String message = switch (status) {
			case UNSUPPORTED_MEDIA_TYPE -> "Send the request as application/json";
			case NOT_ACCEPTABLE -> "Accept application/json or application/graphql-response+json";
			default -> "The body must be a JSON object with a \"query\" string, and optionally \"operationName\""
					+ " (a string), \"variables\" and \"extensions\" (objects)";
		};
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("classification", "BAD_REQUEST");
		extensions.put("status", status.value());
		return ErrorBodies.write(exchange.getResponse(), status, this.json, message, extensions);
	}

	/**
	 * The 4xx status of a request the GraphQL handler refused before running it, or null.
	 */
	private static @Nullable HttpStatus clientError(Throwable ex) {
		if (ex instanceof ResponseStatusException refused && refused.getStatusCode().is4xxClientError()) {
			return HttpStatus.valueOf(refused.getStatusCode().value());
		}
		if (causedBy(ex, DecodingException.class)) {
			return HttpStatus.BAD_REQUEST;
		}
		return null;
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
