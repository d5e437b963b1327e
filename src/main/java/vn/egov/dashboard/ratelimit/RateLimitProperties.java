package vn.egov.dashboard.ratelimit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.rate-limit.*}: how many requests a client may send. Each client has a
 * bucket of {@code capacity} tokens that refills evenly, the whole of it over
 * {@code refill-period}; a request takes one, and a request finding the bucket empty is
 * refused with 429.
 *
 * @param enabled false switches rate limiting off (benchmarks)
 * @param capacity requests a client may send in a burst; also the sustained rate per
 * refill period
 * @param refillPeriod time in which an empty bucket fills up again
 * @param beacon the budget of page views: one token per hit, sent through the beacon
 * ({@code POST /api/hits}) or the {@code recordHits} mutation
 * @param vote the budget of votes: one token per {@code castVote}, aliases included
 * @param failedSignIn the budget of failed authentications per client address: one token
 * per request refused with 401 (a bad API key or bearer token); with none left, a request
 * carrying credentials is refused with 429 before they are checked
 * @param trustedProxies CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is
 * believed, for rate limits and for the addresses of visitors and voters; empty: none
 * @param maxClients buckets kept in memory (least recently used go first)
 * @param connections what one client may hold of the server's connections
 */
@ConfigurationProperties("egov.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled, long capacity, Duration refillPeriod, Budget beacon,
		Budget vote, Budget failedSignIn, List<String> trustedProxies, int maxClients, Connections connections) {

	/**
	 * A budget of its own.
	 *
	 * @param capacity requests in a burst
	 * @param refillPeriod time in which an empty bucket fills up again
	 */
	record Budget(long capacity, Duration refillPeriod) {
	}

	/**
	 * Limits on connections ({@link ConnectionLimits}).
	 *
	 * @param maxPerAddress open connections one client address may hold (trusted proxies
	 * are not capped)
	 * @param headerTimeout how long a request's line and headers may take to arrive
	 * @param bodyTimeout how long a request body may pause between two reads
	 */
	record Connections(@DefaultValue("100") int maxPerAddress, @DefaultValue("10s") Duration headerTimeout,
			@DefaultValue("10s") Duration bodyTimeout) {
	}

}
