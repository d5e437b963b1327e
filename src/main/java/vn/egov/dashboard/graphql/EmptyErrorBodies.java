package vn.egov.dashboard.graphql;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Gives a GraphQL-shaped body ({@link ErrorBodies}) to an error response that a handler
 * completes without one: Boot's GraphQL routes answer a POST to {@code /graphql} that is
 * not JSON with a bare 415 and a GET with a bare 405, and any other handler may do the
 * same. Outermost, so that it sees the response every other filter and handler made.
 */
@Component
class EmptyErrorBodies implements WebFilter, Ordered {

	private final JsonMapper json;

	EmptyErrorBodies(JsonMapper json) {
		this.json = json;
	}

	@Override
	public int getOrder() {
		return RequestPipeline.EMPTY_ERROR_BODIES;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (exchange.getRequest().getMethod() == HttpMethod.HEAD) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {
			@Override
			public Mono<Void> setComplete() {
				HttpStatusCode status = getStatusCode();
				if (status == null || !status.isError() || isCommitted()) {
					return super.setComplete();
				}
				return ErrorBodies.write(getDelegate(), status, EmptyErrorBodies.this.json,
						ErrorBodies.message(status, exchange.getRequest(), getHeaders()),
						ErrorBodies.extensions(status));
			}
		};
		return chain.filter(exchange.mutate().response(response).build());
	}

}
