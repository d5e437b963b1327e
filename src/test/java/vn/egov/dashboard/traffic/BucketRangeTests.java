package vn.egov.dashboard.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.RandomCases;
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

	@Test
	void shouldAgreeWithTheBucketsSteppedOneByOne() {
		RandomCases.forAll(2000, (random) -> {
			Granularity granularity = random.of(Granularity.values());
			Instant from = instant(random);
			Instant to = from.plusSeconds(length(random));
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
			assertThat(range.first()).as("%s from %s to %s", granularity, from, to).isEqualTo(stepped.get(0));
			assertThat(range.last()).as("%s from %s to %s", granularity, from, to)
				.isEqualTo(stepped.get(stepped.size() - 1));
			assertThat(TrafficController.bucketStarts(granularity, from, to)).isEqualTo(stepped);
		});
	}

	/**
	 * 2020 to 2030, with whole minutes and local midnights (bucket boundaries) as likely
	 * as any other second.
	 */
	private static Instant instant(RandomCases random) {
		long seconds = random.between(1_577_811_600L, 1_893_430_800L);
		return Instant.ofEpochSecond(random.of(seconds, seconds - seconds % 60, seconds - (seconds + 25_200) % 86_400));
	}

	/**
	 * Up to 12 years: past every limit of 5,000 buckets but the monthly one; 0 and
	 * negatives are refused.
	 */
	private static long length(RandomCases random) {
		return random.oneOf(() -> random.between(-3_600L, 400_000L), () -> random.between(0L, 380_000_000L),
				() -> random.of(0L, 1L, 60L * TrafficController.MAX_POINTS, 60L * TrafficController.MAX_POINTS + 1));
	}

}
