package vn.egov.dashboard.traffic;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

import vn.egov.dashboard.system.ClockConfiguration;

/**
 * The size of a time bucket. Every boundary is in Vietnam's local time (Asia/Ho_Chi_Minh,
 * UTC+7 all year): a day starts at local midnight, a week on Monday, a month on the 1st.
 */
public enum Granularity {

	MINUTE(ChronoUnit.MINUTES), HOUR(ChronoUnit.HOURS), DAY(ChronoUnit.DAYS), WEEK(ChronoUnit.WEEKS),
	MONTH(ChronoUnit.MONTHS);

	/** The time zone every bucket boundary is taken in. */
	public static final ZoneId ZONE = ClockConfiguration.VIETNAM;

	/** The length of a bucket, in local time. */
	private final ChronoUnit unit;

	Granularity(ChronoUnit unit) {
		this.unit = unit;
	}

	/** The start of the bucket that holds {@code at}. */
	public Instant start(Instant at) {
		ZonedDateTime local = at.atZone(ZONE);
		ZonedDateTime start = switch (this) {
			case MINUTE, HOUR, DAY -> local.truncatedTo(this.unit);
			case WEEK -> local.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> local.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
		};
		return start.toInstant();
	}

	/**
	 * How many buckets after the one starting at {@code first} the one starting at
	 * {@code last} is.
	 */
	public long between(Instant first, Instant last) {
		return this.unit.between(first.atZone(ZONE), last.atZone(ZONE));
	}

	/**
	 * One bucket's length as a PostgreSQL interval: {@code 1 days}, {@code 1 months}, …
	 */
	public String interval() {
		return "1 " + this.unit.name().toLowerCase(Locale.ROOT);
	}

	/** The start of the bucket after the one starting at {@code start}. */
	public Instant next(Instant start) {
		return start.atZone(ZONE).plus(1, this.unit).toInstant();
	}

}
