package vn.egov.dashboard.graphql.limits;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import vn.egov.dashboard.graphql.EgovErrorType;

/**
 * One limit a request went over: the {@code LIMIT_EXCEEDED} error clients get, with
 * {@code extensions.limit} (its name), {@code extensions.measured} and
 * {@code extensions.max}.
 *
 * @param limit the limit's name: depth, cost, aliases, fields, tokens, bodySize or
 * timeout
 * @param measured what the request measured (for bodySize and timeout: at least this
 * much)
 * @param max the configured limit
 * @param message what went over, for people
 */
record LimitExceeded(String limit, long measured, long max, String message) {

	static LimitExceeded depth(long measured, long max) {
		return new LimitExceeded("depth", measured, max,
				"The query nests " + measured + " levels of fields; at most " + max + " are allowed");
	}

	static LimitExceeded cost(long measured, long max) {
		return new LimitExceeded("cost", measured, max,
				"The query could return " + measured + " objects; at most " + max
						+ " are allowed. Every list multiplies what is selected under it by its"
						+ " `first` (20 when not given): ask for smaller pages or fewer nested lists");
	}

	static LimitExceeded aliases(long measured, long max) {
		return new LimitExceeded("aliases", measured, max,
				"The query has " + measured + " aliased fields; at most " + max + " are allowed");
	}

	static LimitExceeded fields(long measured, long max) {
		return new LimitExceeded("fields", measured, max, "The query selects " + measured
				+ " fields (each fragment counted every time it is spread); at most " + max + " are allowed");
	}

	static LimitExceeded tokens(long measured, long max) {
		return new LimitExceeded("tokens", measured, max,
				"The document has " + measured + " tokens; at most " + max + " are allowed");
	}

	static LimitExceeded bodySize(long measured, long max) {
		return new LimitExceeded("bodySize", measured, max,
				"The request body has more than " + max + " bytes; at most " + max + " are allowed");
	}

	static LimitExceeded timeout(long measuredMillis, long maxMillis) {
		return new LimitExceeded("timeout", measuredMillis, maxMillis,
				"The request took longer than " + maxMillis + " ms and was cancelled; ask for less, or retry later");
	}

	GraphQLError toError() {
		return GraphqlErrorBuilder.newError()
			.errorType(EgovErrorType.LIMIT_EXCEEDED)
			.message(this.message)
			.locations(null)
			.extensions(extensions())
			.build();
	}

	/** The error's {@code extensions}, classification first. */
	Map<String, Object> extensions() {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("classification", EgovErrorType.LIMIT_EXCEEDED.name());
		extensions.put("limit", this.limit);
		extensions.put("measured", this.measured);
		extensions.put("max", this.max);
		return extensions;
	}

}
