package vn.egov.dashboard.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import vn.egov.dashboard.graphql.InvalidInputException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link TrafficController#bucketRange} (what compiled traffic queries use) and
 * {@link TrafficController#bucketStarts} against the buckets stepped one by one from the
 * one holding {@code from}: the same first and last bucket, and a refusal exactly when
 * there would be more than {@link TrafficController#MAX_POINTS}.
 */
class BucketRangeTests {

	@Property(tries = 2000)
	void shouldAgreeWithTheBucketsSteppedOneByOne(@ForAll Granularity granularity, @ForAll("instants") Instant from,
			@ForAll("lengths") long seconds) {
		Instant to = from.plusSeconds(seconds);
		List<Instant> stepped = new ArrayList<>();
		for (Instant start = granularity.start(from); start.isBefore(to)
				&& stepped.size() <= TrafficController.MAX_POINTS; start = granularity.next(start)) {
			stepped.add(start);
		}
		if (!to.isAfter(from) || stepped.size() > TrafficController.MAX_POINTS) {
			assertThatExceptionOfType(InvalidInputException.class)
				.isThrownBy(() -> TrafficController.bucketRange(granularity, from, to));
			assertThatExceptionOfType(InvalidInputException.class)
				.isThrownBy(() -> TrafficController.bucketStarts(granularity, from, to));
			return;
		}
		TrafficController.BucketRange range = TrafficController.bucketRange(granularity, from, to);
		assertThat(range.first()).isEqualTo(stepped.get(0));
		assertThat(range.last()).isEqualTo(stepped.get(stepped.size() - 1));
		assertThat(TrafficController.bucketStarts(granularity, from, to)).isEqualTo(stepped);
	}

	@Provide
	Arbitrary<Instant> instants() {
		// 2020 to 2030, with whole minutes, hours and days (bucket boundaries) as likely
		// as any other second
		Arbitrary<Long> seconds = Arbitraries.longs().between(1_577_811_600L, 1_893_430_800L);
		return Arbitraries.oneOf(seconds, seconds.map((s) -> s - s % 60), seconds.map((s) -> s - (s + 25_200) % 86_400))
			.map(Instant::ofEpochSecond);
	}

	@Provide
	Arbitrary<Long> lengths() {
		// up to 12 years: past every limit of 5,000 buckets but the monthly one; 0 and
		// negatives are refused
		return Arbitraries.oneOf(Arbitraries.longs().between(-3_600, 400_000),
				Arbitraries.longs().between(0, 380_000_000),
				Arbitraries.of(0L, 1L, 60L * TrafficController.MAX_POINTS, 60L * TrafficController.MAX_POINTS + 1));
	}

}
