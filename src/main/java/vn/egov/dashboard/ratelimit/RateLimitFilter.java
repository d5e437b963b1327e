package vn.egov.dashboard.ratelimit;

import java.security.Principal;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import vn.egov.dashboard.graphql.ErrorBodies;
import vn.egov.dashboard.system.RequestPipeline;

/**
 * Takes a token from the client's bucket for every HTTP request except the actuator's:
 * the beacon ({@code POST /api/hits}) from its own budget, everything else (GraphQL over
 * HTTP and SSE, WebSocket handshakes, GraphiQL, uploads) from the GraphQL one. Every such
 * response carries GitHub's headers {@code x-ratelimit-limit}, {@code -remaining},
 * {@code -used}, {@code -reset} (epoch seconds when the bucket is full again) and
 * {@code -resource} (the budget); a request finding the bucket empty gets 429 with
 * {@code Retry-After} and a GraphQL-shaped {@code RATE_LIMITED} error.
 * <p>
 * Ordered after Spring Security's filter chain ({@link RequestPipeline}), so that an
 * authenticated client counts as its principal rather than its address. The client's key
 * is left in the exchange's attributes ({@link ClientKeys#ATTRIBUTE}) for what a request
 * writes beyond the request itself: the beacon's further hits
 * ({@link WriteBudgets#takeMore}), public mutations' hits and votes
 * ({@link PublicMutationLimits}).
 */
final class RateLimitFilter implements WebFilter, Ordered {

	private final Buckets graphql;

	private final Buckets beacon;

	private final ClientKeys keys;

	private final String actuatorPath;

	private final JsonMapper json;

	RateLimitFilter(Buckets graphql, Buckets beacon, ClientKeys keys, String actuatorPath, JsonMapper json) {
		this.graphql = graphql;
		this.beacon = beacon;
		this.keys = keys;
		this.actuatorPath = actuatorPath;
		this.json = json;
	}

	@Override
	public int getOrder() {
		return RequestPipeline.RATE_LIMIT;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Buckets budget = budgetOf(request);
		if (budget == null) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal()
			.map(Optional::<Principal>of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((principal) -> {
				String client = this.keys.key(principal.orElse(null), request.getRemoteAddress(), request.getHeaders());
				exchange.getAttributes().put(ClientKeys.ATTRIBUTE, client);
				Buckets.Verdict verdict = budget.take(client);
				headers(exchange.getResponse().getHeaders(), verdict, budget);
				if (verdict.allowed()) {
					return chain.filter(exchange);
				}
				return ErrorBodies.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, this.json,
						RateLimited.message(verdict, budget.unit()), RateLimited.extensions(verdict, budget.name()));
			});
	}

	/**
	 * GitHub's {@code x-ratelimit-*} headers for {@code verdict}, and {@code Retry-After}
	 * when it refused.
	 */
	static void headers(HttpHeaders headers, Buckets.Verdict verdict, Buckets budget) {
		headers.set("x-ratelimit-limit", Long.toString(verdict.limit()));
		headers.set("x-ratelimit-remaining", Long.toString(verdict.remaining()));
		headers.set("x-ratelimit-used", Long.toString(verdict.limit() - verdict.remaining()));
		headers.set("x-ratelimit-reset", Long.toString(verdict.resetEpochSeconds()));
		headers.set("x-ratelimit-resource", budget.name());
		if (!verdict.allowed()) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
		}
	}

	private @Nullable Buckets budgetOf(ServerHttpRequest request) {
		String path = request.getPath().pathWithinApplication().value();
		if (path.equals(this.actuatorPath) || path.startsWith(this.actuatorPath + "/")) {
			return null;
		}
		if (path.equals("/api/hits") && request.getMethod() == HttpMethod.POST) {
			return this.beacon;
		}
		return this.graphql;
	}

}
