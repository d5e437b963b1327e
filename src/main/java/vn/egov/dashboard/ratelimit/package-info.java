/**
 * Per-client rate limiting: a token bucket per client (the authenticated principal, else
 * the address) for GraphQL and another for the page-view beacon, with GitHub's
 * {@code x-ratelimit-*} headers and 429 answers.
 */
@NullMarked
package vn.egov.dashboard.ratelimit;

import org.jspecify.annotations.NullMarked;
