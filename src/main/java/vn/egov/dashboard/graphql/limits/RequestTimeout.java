package vn.egov.dashboard.graphql.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import graphql.ExecutionResult;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Cancels a request that takes longer than {@code egov.limits.timeout} and answers it
 * with a {@code LIMIT_EXCEEDED} error ({@code extensions.limit: "timeout"}) instead of
 * leaving the client waiting. Spring's {@code TimeoutWebGraphQlInterceptor} answers 408
 * without a GraphQL body. A subscription is timed only until its stream starts; queries
 * and mutations sent over a WebSocket are timed like HTTP ones.
 */
final class RequestTimeout implements WebGraphQlInterceptor, Ordered {

	private final Duration timeout;

	RequestTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public int getOrder() {
		return RequestPipeline.REQUEST_TIMEOUT;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		long start = System.nanoTime();
		return chain.next(request).timeout(this.timeout, Mono.fromSupplier(() -> timedOut(request, start)));
	}

	private WebGraphQlResponse timedOut(WebGraphQlRequest request, long start) {
		long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		ExecutionResult result = ExecutionResult.newExecutionResult()
			.addError(LimitExceeded.timeout(elapsed, this.timeout.toMillis()).toError())
			.build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
	}

}
