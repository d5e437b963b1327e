package vn.egov.dashboard.progress;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.progress.ProgressCalculator.Point;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The progress rule, without a server.
 */
class ProgressCalculatorTests {

	private static final Indicator PERCENT = new Indicator("X", "Tỷ lệ", "Share", Unit.PERCENT,
			Direction.HIGHER_IS_BETTER, null, null);

	private static final Indicator RANK = new Indicator("R", "Thứ hạng", "Rank", Unit.RANK, Direction.LOWER_IS_BETTER,
			null, null);

	private static final LocalDate DEADLINE = LocalDate.of(2020, 12, 31);

	@Test
	void shouldReportNoDataWithoutValues() {
		assertThat(compute(target(80, TargetComparator.GE), PERCENT, List.of(), "2019-01-01").status())
			.isEqualTo(ProgressStatus.NO_DATA);
	}

	@Test
	void shouldCallATargetAchievedOnceTheLatestValueMeetsIt() {
		Progress progress = compute(target(80, TargetComparator.GE), PERCENT, points(2018, 70, 2019, 80), "2019-12-31");
		assertThat(progress.status()).isEqualTo(ProgressStatus.ACHIEVED);
		assertThat(progress.gap()).isEqualTo(0.0);
		assertThat(progress.percentOfWay()).isEqualTo(100.0);
	}

	@Test
	void shouldReadEqualsOneHundredAsReachingOneHundred() {
		assertThat(compute(target(100, TargetComparator.EQ), PERCENT, points(2019, 100), "2020-01-01").status())
			.isEqualTo(ProgressStatus.ACHIEVED);
		assertThat(compute(target(100, TargetComparator.EQ), PERCENT, points(2019, 99.9), "2020-01-01").status())
			.isNotEqualTo(ProgressStatus.ACHIEVED);
	}

	@Test
	void shouldRequireMoreThanTheValueForAStrictComparator() {
		assertThat(compute(target(80, TargetComparator.GT), PERCENT, points(2019, 80), "2020-01-01").status())
			.isNotEqualTo(ProgressStatus.ACHIEVED);
		assertThat(compute(target(80, TargetComparator.GT), PERCENT, points(2019, 80.1), "2020-01-01").status())
			.isEqualTo(ProgressStatus.ACHIEVED);
	}

	@Test
	void shouldProjectTheLeastSquaresTrendToTheDeadline() {
		// 50, 60, 70 at yearly steps: +10 a year, 80 one year later.
		Progress progress = compute(target(80, TargetComparator.GE), PERCENT, points(2017, 50, 2018, 60, 2019, 70),
				"2020-01-01");
		assertThat(progress.projectedValue()).isCloseTo(80.0, within(0.1));
		assertThat(progress.status()).isEqualTo(ProgressStatus.ON_TRACK);
		assertThat(progress.gap()).isEqualTo(10.0);
		assertThat(progress.percentOfWay()).isCloseTo(66.7, within(0.1));
	}

	@Test
	void shouldCallASmallShortfallAtRiskAndALargeOneOffTrack() {
		// +5 a year from 2019's 70 projects 75: 5 short of 80, within 10% of it.
		assertThat(compute(target(80, TargetComparator.GE), PERCENT, points(2018, 65, 2019, 70), "2020-01-01").status())
			.isEqualTo(ProgressStatus.AT_RISK);
		// +5 a year from 60 projects 65: 15 short.
		assertThat(compute(target(80, TargetComparator.GE), PERCENT, points(2018, 55, 2019, 60), "2020-01-01").status())
			.isEqualTo(ProgressStatus.OFF_TRACK);
	}

	@Test
	void shouldCallAnythingShortOffTrackAfterTheDeadline() {
		assertThat(
				compute(target(80, TargetComparator.GE), PERCENT, points(2019, 79, 2020, 79.9), "2021-01-01").status())
			.isEqualTo(ProgressStatus.OFF_TRACK);
	}

	@Test
	void shouldProjectPercentagesWithinZeroToOneHundred() {
		Progress progress = compute(target(100, TargetComparator.EQ), PERCENT, points(2016, 40, 2017, 90),
				"2018-01-01");
		assertThat(progress.projectedValue()).isEqualTo(100.0);
		assertThat(progress.status()).isEqualTo(ProgressStatus.ON_TRACK);
	}

	@Test
	void shouldTreatRanksAsLowerIsBetter() {
		Target top50 = target(50, TargetComparator.LE);
		assertThat(compute(top50, RANK, points(2018, 88, 2019, 86), "2019-12-31").status())
			.isEqualTo(ProgressStatus.OFF_TRACK);
		assertThat(compute(top50, RANK, points(2018, 70, 2019, 60), "2019-12-31").status())
			.isEqualTo(ProgressStatus.ON_TRACK);
		Progress reached = compute(top50, RANK, points(2019, 49), "2019-12-31");
		assertThat(reached.status()).isEqualTo(ProgressStatus.ACHIEVED);
		assertThat(reached.gap()).isEqualTo(0.0);
	}

	@Test
	void shouldMeasureTheWayFromTheBaselineWhenThereIsOne() {
		Target withBaseline = new Target(1, null, "X", 80, null, TargetComparator.GE, DEADLINE, 40.0, null,
				TargetScope.NATIONAL, null, null, null, null, null);
		assertThat(compute(withBaseline, PERCENT, points(2019, 60), "2019-12-31").percentOfWay()).isEqualTo(50.0);
	}

	private static Progress compute(Target target, Indicator indicator, List<Point> points, String asOf) {
		return ProgressCalculator.compute(target, indicator, "P01", points, LocalDate.parse(asOf));
	}

	private static Target target(double value, TargetComparator comparator) {
		return new Target(1, null, "X", value, null, comparator, DEADLINE, null, null, TargetScope.NATIONAL, null, null,
				null, null, null);
	}

	private static List<Point> points(double... yearsAndValues) {
		List<Point> points = new java.util.ArrayList<>();
		for (int i = 0; i < yearsAndValues.length; i += 2) {
			points.add(new Point(LocalDate.of((int) yearsAndValues[i], 12, 31), yearsAndValues[i + 1]));
		}
		return points;
	}

}
