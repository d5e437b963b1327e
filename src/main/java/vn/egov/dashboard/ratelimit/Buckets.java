package vn.egov.dashboard.ratelimit;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * One budget ({@code graphql}, {@code beacon}, {@code vote} or {@code sign-in}): a
 * Bucket4j token bucket per client, held in a bounded Caffeine cache. A bucket left alone
 * for a whole refill period is full again, so it is dropped then and a new full one made
 * on the client's next request: forgetting it changes nothing. Past {@code maxClients}
 * the least recently used buckets go first.
 */
final class Buckets {

	/** What a client may still do after one request. */
	record Verdict(boolean allowed, long limit, long refillSeconds, long remaining, long resetEpochSeconds,
			long retryAfterSeconds) {
	}

	private final String name;

	private final String unit;

	private final long capacity;

	private final long refillSeconds;

	private final Bandwidth bandwidth;

	private final Cache<String, Bucket> buckets;

	private final Clock clock;

	private final Counter refused;

	/**
	 * A budget of {@code unit} ("requests", "page views", "votes"): what one token pays
	 * for.
	 */
	Buckets(String name, String unit, RateLimitProperties.Budget budget, int maxClients, Clock clock,
			MeterRegistry meters) {
		this.name = name;
		this.unit = unit;
		this.capacity = budget.capacity();
		this.refillSeconds = budget.refillPeriod().toSeconds();
		this.bandwidth = Bandwidth.builder()
			.capacity(budget.capacity())
			.refillGreedy(budget.capacity(), budget.refillPeriod())
			.build();
		this.buckets = CaffeineCacheMetrics.monitor(meters,
				Caffeine.newBuilder()
					.maximumSize(maxClients)
					.expireAfterAccess(budget.refillPeriod())
					.recordStats()
					.<String, Bucket>build(),
				"ratelimit." + name);
		this.clock = clock;
		this.refused = Counter.builder("egov.ratelimit.refused")
			.description("Requests refused with 429, by budget")
			.tag("budget", name)
			.register(meters);
	}

	String name() {
		return this.name;
	}

	String unit() {
		return this.unit;
	}

	/**
	 * Gives back a token taken from the client's bucket (never beyond its capacity): what
	 * it paid for did not happen.
	 */
	void giveBack(String client) {
		Bucket bucket = this.buckets.getIfPresent(client);
		if (bucket != null) {
			bucket.addTokens(1);
		}
	}

	/** Takes a token from the client's bucket, if there is one. */
	Verdict take(String client) {
		return take(client, 1);
	}

	/**
	 * Takes {@code tokens} (at least 1) from the client's bucket at once, or none when it
	 * holds fewer. More than the capacity is never allowed; the client is then told to
	 * wait a whole refill period.
	 */
	Verdict take(String client, long tokens) {
		Bucket bucket = this.buckets.get(client, (key) -> Bucket.builder().addLimit(this.bandwidth).build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
		long reset = this.clock.millis() / 1000 + Math.min(this.refillSeconds, seconds(probe.getNanosToWaitForReset()));
		if (probe.isConsumed()) {
			return new Verdict(true, this.capacity, this.refillSeconds, probe.getRemainingTokens(), reset, 0);
		}
		this.refused.increment();
		long retryAfter = Math.max(1, Math.min(this.refillSeconds, seconds(probe.getNanosToWaitForRefill())));
		return new Verdict(false, this.capacity, this.refillSeconds, probe.getRemainingTokens(), reset, retryAfter);
	}

	/** Whole seconds, rounded up, without overflowing for Bucket4j's "never". */
	private static long seconds(long nanos) {
		long second = TimeUnit.SECONDS.toNanos(1);
		return nanos / second + ((nanos % second != 0) ? 1 : 0);
	}

}
