package vn.egov.dashboard.traffic;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A portal that sends page views to this API.
 *
 * @param visitOffset visits the portal had counted before its hits came here
 * @param countingFrom from when hits are counted here
 * @param sample a sample portal: its counter and every figure of it are generated
 * @param sampleFrom start of the period whose traffic is generated, if any
 * @param sampleUntil end of that period (exclusive): the counter before it is generated
 * or derived from generated traffic
 */
public record Site(String code, String name, @Nullable String nameEn, @Nullable String agencyCode,
		@Nullable String baseUrl, long visitOffset, @Nullable OffsetDateTime countingFrom, @Nullable String note,
		boolean sample, @Nullable OffsetDateTime sampleFrom, @Nullable OffsetDateTime sampleUntil) {

	/**
	 * Whether a bucket from {@code start} to {@code end} (exclusive) lies, even partly,
	 * in the period of generated traffic: its figures, zeros included, are generated
	 * then.
	 */
	public boolean sampleTraffic(Instant start, Instant end) {
		return this.sampleFrom != null && this.sampleUntil != null && start.isBefore(this.sampleUntil.toInstant())
				&& end.isAfter(this.sampleFrom.toInstant());
	}

	/**
	 * Whether the counter as of {@code at} is generated or derived from generated
	 * traffic.
	 */
	public boolean sampleCounter(Instant at) {
		return this.sample || (this.sampleUntil != null && at.isBefore(this.sampleUntil.toInstant()));
	}

}
