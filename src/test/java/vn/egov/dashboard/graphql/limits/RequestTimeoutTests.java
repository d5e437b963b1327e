package vn.egov.dashboard.graphql.limits;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request timeout: a request still running after it is cancelled and answered with a
 * typed error.
 */
class RequestTimeoutTests {

	private final WebGraphQlRequest request = new WebGraphQlRequest(URI.create("http://localhost/graphql"),
			new HttpHeaders(), null, null, Map.of(), Map.of("query", "{ agencies { totalCount } }"), "1", null);

	@Test
	void shouldCancelASlowRequestAndAnswerLimitExceeded() {
		AtomicBoolean cancelled = new AtomicBoolean();
		RequestTimeout timeout = new RequestTimeout(Duration.ofMillis(100));
		StepVerifier.create(timeout.intercept(this.request,
				(r) -> Mono.never()
					.doOnCancel(() -> cancelled.set(true))
					.cast(org.springframework.graphql.server.WebGraphQlResponse.class)))
			.assertNext((response) -> {
				assertThat(response.getExecutionResult().isDataPresent()).isFalse();
				assertThat(response.getErrors()).singleElement().satisfies((error) -> {
					assertThat(error.getErrorType().toString()).isEqualTo("LIMIT_EXCEEDED");
					assertThat(error.getExtensions()).containsEntry("limit", "timeout").containsEntry("max", 100L);
					assertThat((Long) error.getExtensions().get("measured")).isGreaterThanOrEqualTo(100L);
				});
			})
			.verifyComplete();
		assertThat(cancelled).as("the slow request was cancelled").isTrue();
	}

	@Test
	void shouldLeaveAFastRequestAlone() {
		RequestTimeout timeout = new RequestTimeout(Duration.ofSeconds(5));
		StepVerifier.create(timeout.intercept(this.request, (r) -> Mono.empty())).verifyComplete();
	}

}
