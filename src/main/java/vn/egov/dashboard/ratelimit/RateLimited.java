package vn.egov.dashboard.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import vn.egov.dashboard.graphql.EgovErrorType;

/**
 * The {@code RATE_LIMITED} error: {@code extensions} carry {@code retryAfter} (seconds),
 * {@code limit} (the bucket's size), {@code reset} (epoch seconds when it is full again)
 * and {@code resource} (the budget).
 */
final class RateLimited {

	private RateLimited() {
	}

	static String message(Buckets.Verdict verdict, String unit) {
		return "Too many " + unit + " from this client: at most " + verdict.limit() + " at once, and " + verdict.limit()
				+ " every " + verdict.refillSeconds() + " s. Retry after " + verdict.retryAfterSeconds() + " s";
	}

	static Map<String, Object> extensions(Buckets.Verdict verdict, String budget) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("classification", EgovErrorType.RATE_LIMITED.name());
		extensions.put("retryAfter", verdict.retryAfterSeconds());
		extensions.put("limit", verdict.limit());
		extensions.put("reset", verdict.resetEpochSeconds());
		extensions.put("resource", budget);
		return extensions;
	}

	static GraphQLError error(Buckets.Verdict verdict, Buckets budget) {
		return GraphqlErrorBuilder.newError()
			.errorType(EgovErrorType.RATE_LIMITED)
			.message(message(verdict, budget.unit()))
			.locations(null)
			.extensions(extensions(verdict, budget.name()))
			.build();
	}

	/** The error as the body of an HTTP answer: {@code {"errors":[…]}}. */
	static Map<String, Object> body(Buckets.Verdict verdict, Buckets budget) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message(verdict, budget.unit()));
		error.put("extensions", extensions(verdict, budget.name()));
		return Map.of("errors", List.of(error));
	}

}
