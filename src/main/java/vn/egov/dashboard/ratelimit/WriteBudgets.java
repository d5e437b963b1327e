package vn.egov.dashboard.ratelimit;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * The budgets of anonymous writes, one token per thing written: {@value #BEACON} (page
 * views, through the beacon or {@code recordHits}) and {@value #VOTE} (votes). A client's
 * bucket is the same whichever way it writes, so batching or aliasing buys nothing. With
 * rate limiting off there are none, and everything is allowed.
 */
public final class WriteBudgets {

	/** Page views: one token per hit. */
	public static final String BEACON = "beacon";

	/** Votes: one token per {@code castVote} selection. */
	public static final String VOTE = "vote";

	private final Map<String, Buckets> budgets;

	WriteBudgets(Map<String, Buckets> budgets) {
		this.budgets = Map.copyOf(budgets);
	}

	/** The budget of that name, or null when rate limiting is off. */
	@Nullable Buckets get(String budget) {
		return this.budgets.get(budget);
	}

	/**
	 * Takes {@code tokens} more from {@code budget}, for the client of an HTTP request
	 * that {@link RateLimitFilter} already charged one token for the request itself (a
	 * beacon request of n hits takes n − 1 more here), and updates the response's
	 * {@code x-ratelimit-*} headers. Answers null when the client may go on; else the
	 * body of the {@code RATE_LIMITED} error to answer with 429 ({@code Retry-After} is
	 * set), and nothing was taken.
	 */
	public @Nullable Map<String, Object> takeMore(ServerWebExchange exchange, String budget, long tokens) {
		Buckets buckets = this.budgets.get(budget);
		Object client = exchange.getAttributes().get(ClientKeys.ATTRIBUTE);
		if (buckets == null || !(client instanceof String key) || tokens < 1) {
			return null;
		}
		Buckets.Verdict verdict = buckets.take(key, tokens);
		RateLimitFilter.headers(exchange.getResponse().getHeaders(), verdict, buckets);
		return verdict.allowed() ? null : RateLimited.body(verdict, buckets);
	}

}
