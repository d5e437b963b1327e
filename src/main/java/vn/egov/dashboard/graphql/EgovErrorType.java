package vn.egov.dashboard.graphql;

import graphql.ErrorClassification;

/**
 * Error classifications of this API beyond Spring's
 * {@link org.springframework.graphql.execution.ErrorType} (BAD_REQUEST, UNAUTHORIZED,
 * FORBIDDEN, NOT_FOUND, INTERNAL_ERROR); clients read them in
 * {@code extensions.classification}.
 */
public enum EgovErrorType implements ErrorClassification {

	/**
	 * The database (or another dependency) is unreachable; retry later. Nothing was
	 * written.
	 */
	SERVICE_UNAVAILABLE,

	/**
	 * The document goes over a configured limit (depth, cost, aliases, fields, tokens);
	 * nothing was fetched.
	 */
	LIMIT_EXCEEDED,

	/** The client went over its rate limit; see the Retry-After header. */
	RATE_LIMITED

}
