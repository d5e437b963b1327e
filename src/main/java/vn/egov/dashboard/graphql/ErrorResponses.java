package vn.egov.dashboard.graphql;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * The last word on a request that failed with an exception no handler of ours answered
 * (an unknown path, a method or media type an endpoint does not take, a body Spring could
 * not read): the status Spring chose, with its headers ({@code Allow}, {@code Accept}),
 * and a GraphQL-shaped body ({@link ErrorBodies}) instead of Boot's error page, whose
 * {@code timestamp}/{@code path}/{@code error} object no client of this API reads. It
 * takes the place of Boot's {@code ErrorWebExceptionHandler}; the handler of database
 * outages runs before it ({@link RequestPipeline}).
 * <p>
 * A client error (4xx) is not logged: the client is told. Anything else is a fault of the
 * server, logged once with its stack trace, and answered with a plain INTERNAL_ERROR.
 */
@Component
@Order(RequestPipeline.ERROR_RESPONSES)
class ErrorResponses implements ErrorWebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ErrorResponses.class);

	private final JsonMapper json;

	ErrorResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		HttpStatusCode status = HttpStatus.INTERNAL_SERVER_ERROR;
		if (ex instanceof ResponseStatusException refused) {
			status = refused.getStatusCode();
			response.getHeaders().putAll(refused.getHeaders());
		}
		else if (causedBy(ex, DecodingException.class)) {
			// A body that cannot be read (a malformed multipart form) is the client's.
			status = HttpStatus.BAD_REQUEST;
		}
		if (!status.is4xxClientError()) {
			logger.error(exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath() + " failed", ex);
		}
		return ErrorBodies.write(response, status, this.json,
				ErrorBodies.message(status, exchange.getRequest(), response.getHeaders()),
				ErrorBodies.extensions(status));
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
