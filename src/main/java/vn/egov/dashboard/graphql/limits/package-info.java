/**
 * Query limits of the public API: depth, cost, aliases, field selections and parser
 * tokens of every operation, the size of a request body, and the time a request may take.
 * An operation over a limit is answered with a {@code LIMIT_EXCEEDED} error before
 * anything is fetched.
 */
@NullMarked
package vn.egov.dashboard.graphql.limits;

import org.jspecify.annotations.NullMarked;
