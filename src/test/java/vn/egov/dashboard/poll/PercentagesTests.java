package vn.egov.dashboard.poll;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Largest-remainder percentages.
 */
class PercentagesTests {

	@Test
	void shouldGiveTheSeedPoll88_8_4() {
		assertThat(Percentages.of(new long[] { 1180, 107, 57 })).containsExactly(88, 8, 4);
	}

	@Test
	void shouldGiveTheSpareAmongEqualRemaindersToTheEarliestOption() {
		assertThat(Percentages.of(new long[] { 1, 1, 1 })).containsExactly(34, 33, 33);
		assertThat(Percentages.of(new long[] { 3, 3, 3, 3, 3, 3 })).containsExactly(17, 17, 17, 17, 16, 16);
	}

	@Test
	void shouldGiveTheSpareToTheLargestRemainder() {
		assertThat(Percentages.of(new long[] { 2, 1, 0 })).containsExactly(67, 33, 0);
		assertThat(Percentages.of(new long[] { 0, 1, 2 })).containsExactly(0, 33, 67);
	}

	@Test
	void shouldBreakATieInRemaindersByTheLargerCountFirst() {
		// 1/6, 4/6, 1/6: every remainder is 4/6 of a point and two points are missing.
		assertThat(Percentages.of(new long[] { 1, 4, 1 })).containsExactly(17, 67, 16);
	}

	@Test
	void shouldAnswerAllZeroWhenNobodyVoted() {
		assertThat(Percentages.of(new long[] { 0, 0, 0 })).containsExactly(0, 0, 0);
		assertThat(Percentages.of(new long[0])).isEmpty();
	}

	@Test
	void shouldGiveASingleOptionAHundred() {
		assertThat(Percentages.of(new long[] { 5 })).containsExactly(100);
		assertThat(Percentages.of(new long[] { 0, 7, 0 })).containsExactly(0, 100, 0);
	}

	@Test
	void shouldAlwaysAddUpToAHundredAndNeverRewardZero() {
		Random random = new Random(42);
		for (int run = 0; run < 10_000; run++) {
			long[] counts = new long[1 + random.nextInt(8)];
			for (int i = 0; i < counts.length; i++) {
				counts[i] = (random.nextInt(4) == 0) ? 0 : random.nextInt(random.nextBoolean() ? 10 : 1_000_000);
			}
			int[] percents = Percentages.of(counts);
			long total = Arrays.stream(counts).sum();
			assertThat(Arrays.stream(percents).sum()).as(Arrays.toString(counts)).isEqualTo((total == 0) ? 0 : 100);
			for (int i = 0; i < counts.length; i++) {
				double exact = (total == 0) ? 0 : 100.0 * counts[i] / total;
				assertThat(Math.abs(percents[i] - exact)).as(Arrays.toString(counts)).isLessThan(1.0);
				if (counts[i] == 0) {
					assertThat(percents[i]).isZero();
				}
			}
		}
	}

	@Test
	void shouldRefuseNegativeCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> Percentages.of(new long[] { 1, -1 }));
	}

}
