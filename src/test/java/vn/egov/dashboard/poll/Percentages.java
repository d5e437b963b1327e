package vn.egov.dashboard.poll;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Whole-number percentages that add up to exactly 100, by the largest-remainder
 * (Hamilton) method: each count gets the whole part of its exact share, and the points
 * still missing go, one each, to the counts with the largest remainders. Ties in the
 * remainder go to the larger count, then to the earlier position, so the result never
 * depends on anything but the counts and their order. A count of zero never receives a
 * point. When all counts are zero there is nothing to share: every percentage is 0 (the
 * only case where the sum is not 100).
 * <p>
 * The reference the server's SQL ({@code PollRepository.optionsWithPercents}, which both
 * paths read) is checked against ({@code PollPercentagesTests}).
 */
final class Percentages {

	private Percentages() {
	}

	/**
	 * The percentages of {@code counts}, in the same order. Counts must not be negative.
	 */
	static int[] of(long[] counts) {
		long total = 0;
		for (long count : counts) {
			if (count < 0) {
				throw new IllegalArgumentException("counts must not be negative: " + Arrays.toString(counts));
			}
			total = Math.addExact(total, count);
		}
		int[] percents = new int[counts.length];
		if (total == 0) {
			return percents;
		}
		long[] remainders = new long[counts.length];
		int given = 0;
		for (int i = 0; i < counts.length; i++) {
			long scaled = Math.multiplyExact(counts[i], 100L);
			percents[i] = (int) (scaled / total);
			remainders[i] = scaled % total;
			given += percents[i];
		}
		int missing = 100 - given;
		int[] order = IntStream.range(0, counts.length)
			.boxed()
			.sorted(Comparator.<Integer>comparingLong((i) -> -remainders[i])
				.thenComparingLong((i) -> -counts[i])
				.thenComparingInt((i) -> i))
			.mapToInt(Integer::intValue)
			.toArray();
		for (int k = 0; k < missing; k++) {
			percents[order[k]]++;
		}
		return percents;
	}

}
