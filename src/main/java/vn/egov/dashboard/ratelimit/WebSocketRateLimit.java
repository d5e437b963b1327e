package vn.egov.dashboard.ratelimit;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

import graphql.ExecutionResult;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Over a WebSocket, one handshake carries any number of operations: each one takes a
 * token from the client's GraphQL bucket, as an HTTP request would, and one finding it
 * empty is answered with a {@code RATE_LIMITED} error. The client is known from the
 * handshake (its principal, address and {@code X-Forwarded-For}). A plain
 * {@link WebGraphQlInterceptor}: Spring allows one {@code WebSocketGraphQlInterceptor},
 * and the live package's subscription caps are it.
 * <p>
 * Every execution, over HTTP too, gets the client's key in its GraphQL context
 * ({@link ClientKeys#ATTRIBUTE}), for the budgets of public mutations
 * ({@link PublicMutationLimits}).
 */
final class WebSocketRateLimit implements WebGraphQlInterceptor, Ordered {

	private final Buckets graphql;

	private final ClientKeys keys;

	WebSocketRateLimit(Buckets graphql, ClientKeys keys) {
		this.graphql = graphql;
		this.keys = keys;
	}

	@Override
	public int getOrder() {
		return RequestPipeline.WEBSOCKET_RATE_LIMIT;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!(request instanceof WebSocketGraphQlRequest webSocket)) {
			// HTTP requests were counted by RateLimitFilter, which left the key.
			Object client = request.getAttributes().get(ClientKeys.ATTRIBUTE);
			if (client != null) {
				request.configureExecutionInput(
						(input, builder) -> builder.graphQLContext(Map.of(ClientKeys.ATTRIBUTE, client)).build());
			}
			return chain.next(request);
		}
		WebSocketSessionInfo session = webSocket.getSessionInfo();
		return session.getPrincipal()
			.map(Optional::<Principal>of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((principal) -> {
				String client = this.keys.key(principal.orElse(null), session.getRemoteAddress(), session.getHeaders());
				Buckets.Verdict verdict = this.graphql.take(client);
				if (verdict.allowed()) {
					request.configureExecutionInput(
							(input, builder) -> builder.graphQLContext(Map.of(ClientKeys.ATTRIBUTE, client)).build());
					return chain.next(request);
				}
				ExecutionResult refused = ExecutionResult.newExecutionResult()
					.addError(RateLimited.error(verdict, this.graphql))
					.build();
				return Mono.just(new WebGraphQlResponse(
						new DefaultExecutionGraphQlResponse(request.toExecutionInput(), refused)));
			});
	}

}
