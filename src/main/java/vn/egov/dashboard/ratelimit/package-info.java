/**
 * Per-client rate limiting: a token bucket per client (the authenticated principal, else
 * the address) for GraphQL requests, and write budgets for what anonymous clients write
 * (a token per page view, a token per vote, however they are batched or aliased), with
 * GitHub's {@code x-ratelimit-*} headers and 429 answers. Also where client addresses are
 * read ({@link vn.egov.dashboard.ratelimit.ClientKeys}, {@code X-Forwarded-For} only from
 * trusted proxies).
 */
@NullMarked
package vn.egov.dashboard.ratelimit;

import org.jspecify.annotations.NullMarked;
