package vn.egov.dashboard.graphql.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import graphql.ExecutionResult;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

import vn.egov.dashboard.TestRequests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request timeout: a request still running after it is cancelled and answered with a
 * typed error.
 */
class RequestTimeoutTests {

	private final WebGraphQlRequest request = TestRequests.anonymous("{ agencies { totalCount } }");

	@Test
	void shouldCancelASlowRequestAndAnswerLimitExceeded() {
		AtomicBoolean cancelled = new AtomicBoolean();
		try (RequestTimeout timeout = new RequestTimeout(Duration.ofMillis(100))) {
			StepVerifier
				.create(timeout.intercept(this.request,
						(r) -> Mono.never().doOnCancel(() -> cancelled.set(true)).cast(WebGraphQlResponse.class)))
				.assertNext((response) -> {
					assertThat(response.getExecutionResult().isDataPresent()).isFalse();
					assertThat(response.getErrors()).singleElement().satisfies((error) -> {
						assertThat(error.getErrorType().toString()).isEqualTo("LIMIT_EXCEEDED");
						assertThat(error.getExtensions()).containsEntry("limit", "timeout").containsEntry("max", 100L);
						// never early; a tick late at most, plus slack
						assertThat((Long) error.getExtensions().get("measured")).isBetween(100L,
								100L + RequestTimeout.TICK.toMillis() + 1000L);
					});
				})
				.verifyComplete();
		}
		assertThat(cancelled).as("the slow request was cancelled").isTrue();
	}

	@Test
	void shouldLeaveAFastRequestAlone() {
		try (RequestTimeout timeout = new RequestTimeout(Duration.ofSeconds(5))) {
			StepVerifier.create(timeout.intercept(this.request, (r) -> Mono.empty())).verifyComplete();
		}
	}

	@Test
	void shouldDropTheDeadlinesOfAnsweredRequests() {
		try (RequestTimeout timeout = new RequestTimeout(Duration.ofSeconds(30))) {
			WebGraphQlResponse answer = new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(
					this.request.toExecutionInput(), ExecutionResult.newExecutionResult().data(Map.of()).build()));
			for (int i = 0; i < 1000; i++) {
				StepVerifier.create(timeout.intercept(this.request, (r) -> Mono.just(answer)))
					.expectNext(answer)
					.verifyComplete();
			}
			// a cancelled deadline leaves at the next tick, not when it would pass
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> timeout.pending() == 0);
		}
	}

}
