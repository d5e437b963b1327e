package vn.egov.dashboard.graphql.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import graphql.ExecutionResult;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.concurrent.DefaultThreadFactory;
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
 * <p>
 * The deadlines are kept on a timing wheel (Netty's {@link HashedWheelTimer}: one thread
 * that looks at them every {@link #TICK}), not on Reactor's parallel scheduler. There,
 * each request put its deadline into a locked delay queue and woke the queue's thread
 * whenever the queue had been empty: in a CPU profile of {@code { __typename }} under
 * load, 4 % of the samples were that scheduling and 2 % the woken thread. On the wheel a
 * deadline is added and cancelled without a lock or a wake-up, and a request is cancelled
 * at most one tick late.
 */
final class RequestTimeout implements WebGraphQlInterceptor, Ordered, AutoCloseable {

	/** How often the timer thread looks at the deadlines. */
	static final Duration TICK = Duration.ofMillis(20);

	private final Duration timeout;

	private final HashedWheelTimer deadlines;

	RequestTimeout(Duration timeout) {
		this.timeout = timeout;
		this.deadlines = new HashedWheelTimer(new DefaultThreadFactory("request-timeout", true), TICK.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public int getOrder() {
		return RequestPipeline.REQUEST_TIMEOUT;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		long start = System.nanoTime();
		return chain.next(request).timeout(deadline(), Mono.fromSupplier(() -> timedOut(request, start)));
	}

	/**
	 * Emits once the timeout has passed; cancelled with the request, or once it answered.
	 */
	private Mono<Long> deadline() {
		return Mono.create((sink) -> {
			Timeout deadline = this.deadlines.newTimeout((expired) -> sink.success(0L), this.timeout.toNanos(),
					TimeUnit.NANOSECONDS);
			sink.onCancel(deadline::cancel);
		});
	}

	/**
	 * Deadlines not yet passed nor cancelled (a cancelled one leaves at the next tick).
	 */
	long pending() {
		return this.deadlines.pendingTimeouts();
	}

	private WebGraphQlResponse timedOut(WebGraphQlRequest request, long start) {
		long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		ExecutionResult result = ExecutionResult.newExecutionResult()
			.addError(LimitExceeded.timeout(elapsed, this.timeout.toMillis()).toError())
			.build();
		return new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result));
	}

	/** Stops the timer thread; deadlines still pending are dropped. */
	@Override
	public void close() {
		this.deadlines.stop();
	}

}
