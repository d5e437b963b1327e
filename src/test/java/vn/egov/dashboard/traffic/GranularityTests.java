package vn.egov.dashboard.traffic;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.graphql.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bucket boundaries in Vietnam's local time.
 */
class GranularityTests {

	@Test
	void shouldStartBucketsAtLocalBoundaries() {
		Instant at = at("2026-02-01T00:30:15+07:00"); // 31 January 17:30 UTC
		assertThat(Granularity.MINUTE.start(at)).isEqualTo(at("2026-02-01T00:30:00+07:00"));
		assertThat(Granularity.HOUR.start(at)).isEqualTo(at("2026-02-01T00:00:00+07:00"));
		assertThat(Granularity.DAY.start(at)).isEqualTo(at("2026-02-01T00:00:00+07:00"));
		assertThat(Granularity.WEEK.start(at)).isEqualTo(at("2026-01-26T00:00:00+07:00"));
		assertThat(Granularity.MONTH.start(at)).isEqualTo(at("2026-02-01T00:00:00+07:00"));
	}

	@Test
	void shouldStepMonthsOfEveryLength() {
		assertThat(Granularity.MONTH.next(at("2028-01-01T00:00:00+07:00"))).isEqualTo(at("2028-02-01T00:00:00+07:00"));
		assertThat(Granularity.MONTH.next(at("2028-02-01T00:00:00+07:00"))).isEqualTo(at("2028-03-01T00:00:00+07:00"));
		assertThat(Granularity.WEEK.next(at("2026-12-28T00:00:00+07:00"))).isEqualTo(at("2027-01-04T00:00:00+07:00"));
	}

	@Test
	void shouldListEveryBucketFromTheOneHoldingFrom() {
		List<Instant> starts = TrafficController.bucketStarts(Granularity.DAY, at("2026-01-30T12:00:00+07:00"),
				at("2026-02-02T00:00:00+07:00"));
		assertThat(starts).containsExactly(at("2026-01-30T00:00:00+07:00"), at("2026-01-31T00:00:00+07:00"),
				at("2026-02-01T00:00:00+07:00"));
	}

	@Test
	void shouldRefuseMoreThanTheMaximumOfPoints() {
		assertThat(TrafficController.bucketStarts(Granularity.MINUTE, at("2026-01-01T00:00:00+07:00"),
				at("2026-01-01T00:00:00+07:00").plusSeconds(60L * TrafficController.MAX_POINTS)))
			.hasSize(TrafficController.MAX_POINTS);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> TrafficController
			.bucketStarts(Granularity.MINUTE, at("2026-01-01T00:00:00+07:00"), at("2026-01-05T00:00:00+07:00")));
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> TrafficController
			.bucketStarts(Granularity.HOUR, at("2026-01-01T00:00:00+07:00"), at("2027-01-01T00:00:00+07:00")));
	}

	@Test
	void shouldFillEveryBucketWithoutAStoredPointWithZeros() {
		List<Instant> starts = TrafficController.bucketStarts(Granularity.HOUR, at("2026-01-31T22:00:00+07:00"),
				at("2026-02-01T02:00:00+07:00"));
		TrafficPoint stray = point("2026-01-31T23:30:00+07:00", 9); // starts no bucket:
																	// left out
		List<TrafficPoint> stored = List.of(point("2026-01-31T23:00:00+07:00", 1), stray,
				point("2026-02-01T00:00:00+07:00", 2));
		List<TrafficPoint> points = TrafficController.withEmptyBuckets(REAL, Granularity.HOUR, starts, stored);
		assertThat(points).extracting(TrafficPoint::start)
			.containsExactly(OffsetDateTime.parse("2026-01-31T22:00:00+07:00"),
					OffsetDateTime.parse("2026-01-31T23:00:00+07:00"),
					OffsetDateTime.parse("2026-02-01T00:00:00+07:00"),
					OffsetDateTime.parse("2026-02-01T01:00:00+07:00"));
		assertThat(points).extracting(TrafficPoint::views).containsExactly(0L, 1L, 2L, 0L);
		assertThat(points).extracting(TrafficPoint::sample).containsExactly(false, true, true, false);
		assertThat(TrafficController.withEmptyBuckets(REAL, Granularity.HOUR, starts, List.of()))
			.extracting(TrafficPoint::views)
			.containsExactly(0L, 0L, 0L, 0L);
	}

	@Test
	void shouldLabelEmptyBucketsInTheSitesGeneratedPeriodSample() {
		// Generated traffic from 23:00 to 00:30: the buckets overlapping it are sample,
		// zeros included; those before and after are real zeros.
		Site site = new Site("S", "Sample", null, null, null, 0, null, null, false,
				OffsetDateTime.parse("2026-01-31T23:00:00+07:00"), OffsetDateTime.parse("2026-02-01T00:30:00+07:00"));
		List<Instant> starts = TrafficController.bucketStarts(Granularity.HOUR, at("2026-01-31T22:00:00+07:00"),
				at("2026-02-01T02:00:00+07:00"));
		assertThat(TrafficController.withEmptyBuckets(site, Granularity.HOUR, starts, List.of()))
			.extracting(TrafficPoint::sample)
			.containsExactly(false, true, true, false);
		assertThat(TrafficController.withEmptyBuckets(site, Granularity.DAY,
				TrafficController.bucketStarts(Granularity.DAY, at("2026-01-30T00:00:00+07:00"),
						at("2026-02-03T00:00:00+07:00")),
				List.of()))
			.extracting(TrafficPoint::sample)
			.containsExactly(false, true, true, false);
	}

	/** A site without generated traffic. */
	private static final Site REAL = new Site("R", "Real", null, null, null, 0, null, null, false, null, null);

	private static TrafficPoint point(String start, long views) {
		return new TrafficPoint(OffsetDateTime.parse(start), views, 0, views, true);
	}

	private static Instant at(String text) {
		return OffsetDateTime.parse(text).toInstant();
	}

}
