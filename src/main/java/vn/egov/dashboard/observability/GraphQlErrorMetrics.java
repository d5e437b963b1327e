package vn.egov.dashboard.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.graphql.EgovErrorType;
import vn.egov.dashboard.system.RequestPipeline;

/**
 * Counts the errors GraphQL responses carry, by {@code extensions.classification}:
 * {@code egov_graphql_errors_total{classification="BAD_REQUEST"}}.
 */
@Component
class GraphQlErrorMetrics implements WebGraphQlInterceptor, Ordered {

	static final String ERRORS = "egov.graphql.errors";

	private final MeterRegistry registry;

	GraphQlErrorMetrics(MeterRegistry registry) {
		this.registry = registry;
		// Registered up front so that dashboards show 0 rather than "No data" before the
		// first error. RATE_LIMITED is not among them: the rate limiter answers before
		// GraphQL runs and counts its refusals itself (egov_ratelimit_refused_total).
		for (String classification : new String[] { "BAD_REQUEST", "NOT_FOUND", "UNAUTHORIZED", "FORBIDDEN",
				"INTERNAL_ERROR", "ValidationError", "InvalidSyntax", EgovErrorType.LIMIT_EXCEEDED.name(),
				EgovErrorType.SERVICE_UNAVAILABLE.name() }) {
			counter(classification);
		}
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request)
			.doOnNext((response) -> response.getErrors()
				.forEach((error) -> counter(String.valueOf(error.getErrorType())).increment()));
	}

	private Counter counter(String classification) {
		return Counter.builder(ERRORS)
			.description("Errors in GraphQL responses, by classification")
			.tag("classification", classification)
			.register(this.registry);
	}

	@Override
	public int getOrder() {
		return RequestPipeline.ERROR_METRICS;
	}

}
