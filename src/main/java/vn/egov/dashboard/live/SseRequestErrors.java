package vn.egov.dashboard.live;

import graphql.ExecutionResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Over SSE, Spring's handler answers any response that is not a stream with one
 * {@code OperationNotSupported} error ("SSE handler supports only subscriptions"), hiding
 * why a subscription was refused before it started (a validation error, a query limit, a
 * timeout, the subscription caps of {@link SubscriptionLimits}). Such a refusal is passed
 * on as the stream's one {@code next} event instead, with its own errors, followed by
 * {@code complete}, as the WebSocket transport does.
 */
@Component
class SseRequestErrors implements WebGraphQlInterceptor, Ordered {

	@Override
	public int getOrder() {
		return RequestPipeline.SSE_REQUEST_ERRORS;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		boolean sse = !(request instanceof WebSocketGraphQlRequest)
				&& request.getHeaders().getAccept().contains(MediaType.TEXT_EVENT_STREAM);
		if (!sse) {
			return chain.next(request);
		}
		return chain.next(request).map((response) -> {
			ExecutionResult result = response.getExecutionResult();
			// A refusal has errors and no data (null data: the subscription caps set it
			// so, after execution); a stream, or a query's answer, is left to Spring.
			if (result.getData() != null || result.getErrors().isEmpty()) {
				return response;
			}
			ExecutionResult refusal = ExecutionResult.newExecutionResult().errors(result.getErrors()).build();
			return response.transform((builder) -> builder.data(Flux.just(refusal)));
		});
	}

}
