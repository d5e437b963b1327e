/**
 * Cross-cutting GraphQL wiring: scalars, cursor pages, totalCount on connections, and
 * typed errors.
 */
@NullMarked
package vn.egov.dashboard.graphql;

import org.jspecify.annotations.NullMarked;
