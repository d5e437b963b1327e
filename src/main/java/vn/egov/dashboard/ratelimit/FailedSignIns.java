package vn.egov.dashboard.ratelimit;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import vn.egov.dashboard.graphql.ErrorBodies;
import vn.egov.dashboard.system.RequestPipeline;

/**
 * Failed authentications draw on a budget of their own, per client address
 * ({@code egov.rate-limit.failed-sign-in}). A request that carries credentials
 * ({@code Authorization} or {@code X-API-Key}) takes a token before Spring Security's
 * filter chain (order -100) checks them, and gets it back once they passed
 * ({@link Passed}, right after the chain): only requests refused with 401 (a malformed,
 * unknown or revoked API key, a bad bearer token) keep it. An address with no token left
 * is refused with 429 and a {@code RATE_LIMITED} error before its credentials are
 * checked: no database lookup of the key, no signature check, however many requests it
 * sends at once. Requests without credentials are not concerned (anonymous reads have the
 * GraphQL budget). The client is always the address: a failed authentication has no
 * principal.
 */
final class FailedSignIns implements WebFilter, Ordered {

	/** The header agencies' systems send their API key in. */
	private static final String API_KEY_HEADER = "X-API-Key";

	private static final String TAKEN = FailedSignIns.class.getName() + ".client";

	private final Buckets budget;

	private final ClientKeys keys;

	private final JsonMapper json;

	FailedSignIns(Buckets budget, ClientKeys keys, JsonMapper json) {
		this.budget = budget;
		this.keys = keys;
		this.json = json;
	}

	@Override
	public int getOrder() {
		return RequestPipeline.FAILED_SIGN_INS;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		if (!headers.containsHeader(HttpHeaders.AUTHORIZATION) && !headers.containsHeader(API_KEY_HEADER)) {
			return chain.filter(exchange);
		}
		String client = "ip:" + this.keys.address(request.getRemoteAddress(), headers);
		Buckets.Verdict verdict = this.budget.take(client);
		if (!verdict.allowed()) {
			RateLimitFilter.headers(exchange.getResponse().getHeaders(), verdict, this.budget);
			return ErrorBodies.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, this.json,
					RateLimited.message(verdict, this.budget.unit()),
					RateLimited.extensions(verdict, this.budget.name()));
		}
		exchange.getAttributes().put(TAKEN, client);
		return chain.filter(exchange);
	}

	/** The filter that gives the token back to a request whose credentials passed. */
	WebFilter passed() {
		return new Passed();
	}

	/**
	 * Right after Spring Security's filter chain, which goes on to the next filter only
	 * when the credentials were good.
	 */
	private final class Passed implements WebFilter, Ordered {

		@Override
		public int getOrder() {
			return RequestPipeline.SIGN_IN_PASSED;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			if (exchange.getAttributes().remove(TAKEN) instanceof String client) {
				FailedSignIns.this.budget.giveBack(client);
			}
			return chain.filter(exchange);
		}

	}

}
