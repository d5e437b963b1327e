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

	private static final Indicator PLACES = new Indicator("P", "Số bậc tăng", "Places gained", Unit.RANK_PLACES,
			Direction.HIGHER_IS_BETTER, null, null);

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
	void shouldCallAnythingShortAtTheDeadlineMissed() {
		assertThat(
				compute(target(80, TargetComparator.GE), PERCENT, points(2019, 79, 2020, 79.9), "2021-01-01").status())
			.isEqualTo(ProgressStatus.MISSED);
		// On the deadline itself the verdict is in: not AT_RISK (79.9 is within 10% of
		// 80), MISSED.
		assertThat(
				compute(target(80, TargetComparator.GE), PERCENT, points(2019, 79, 2020, 79.9), "2020-12-31").status())
			.isEqualTo(ProgressStatus.MISSED);
		// The day before, the value can still change.
		assertThat(
				compute(target(80, TargetComparator.GE), PERCENT, points(2019, 79, 2020, 79.9), "2020-12-30").status())
			.isEqualTo(ProgressStatus.AT_RISK);
	}

	@Test
	void shouldJudgeAPassedDeadlineByTheLatestValueOnOrBeforeIt() {
		// HB2017-01: 80% by 2017-12-31, met only in 2019.
		Target hoaBinh = target(80, TargetComparator.GE, "2017-12-31");
		Progress today = compute(hoaBinh, PERCENT, points(2016, 55, 2017, 72, 2018, 78, 2019, 85, 2020, 90),
				"2026-12-06");
		assertThat(today.status()).isEqualTo(ProgressStatus.MISSED);
		assertThat(today.projectedValue()).isEqualTo(72.0);
		assertThat(today.firstMetOn()).isEqualTo("2019-12-31");
		assertThat(today.latestValue()).isEqualTo(90.0);
		assertThat(today.latestPeriod()).isEqualTo("2020-12-31");
		// Met at the deadline and lower afterwards: still achieved.
		Progress kept = compute(hoaBinh, PERCENT, points(2017, 81, 2018, 75), "2026-12-06");
		assertThat(kept.status()).isEqualTo(ProgressStatus.ACHIEVED);
		assertThat(kept.firstMetOn()).isEqualTo("2017-12-31");
		assertThat(kept.projectedValue()).isEqualTo(81.0);
	}

	@Test
	void shouldReportNoDataWhenNoValueCameByThePassedDeadline() {
		// NQ17-04: 20% by 2020; the first national figure is of 2021 (30%).
		Progress progress = compute(target(20, TargetComparator.GE), PERCENT, points(2021, 30, 2023, 54.8),
				"2026-01-01");
		assertThat(progress.status()).isEqualTo(ProgressStatus.NO_DATA);
		assertThat(progress.projectedValue()).isNull();
		assertThat(progress.latestValue()).isEqualTo(54.8);
		assertThat(progress.firstMetOn()).isEqualTo("2021-12-31");
	}

	@Test
	void shouldSayWhenATargetWasFirstMet() {
		Progress progress = compute(target(80, TargetComparator.GE), PERCENT, points(2017, 70, 2018, 82, 2019, 79),
				"2019-12-31");
		assertThat(progress.firstMetOn()).isEqualTo("2018-12-31");
		assertThat(progress.status()).isEqualTo(ProgressStatus.ON_TRACK);
		assertThat(compute(target(80, TargetComparator.GE), PERCENT, points(2017, 70), "2019-12-31").firstMetOn())
			.isNull();
	}

	@Test
	void shouldJudgeTheUnEgdiRankAgainstTopSeventyByTheTrendThenByTheDeadline() {
		// QD749-06: among the top 70 by 2025. Published: 89, 88, 86, 86, 71 (2016-2024),
		// a trend of -1.9 places a year: 69.1 projected at the end of 2025, shown as the
		// whole rank its figures are (69); the status is judged on the trend itself.
		Target top70 = target(70, TargetComparator.LE, "2025-12-31");
		List<Point> egdi = points(2016, 89, 2018, 88, 2020, 86, 2022, 86, 2024, 71);
		Progress before = compute(top70, RANK, egdi, "2025-06-30");
		assertThat(before.status()).isEqualTo(ProgressStatus.ON_TRACK);
		assertThat(before.projectedValue()).isEqualTo(69.0);
		assertThat(before.gap()).isEqualTo(1.0);
		// 100 * 18 / 19 = 94.73…, to 1 decimal
		assertThat(before.percentOfWay()).isEqualTo(94.7);
		Progress after = compute(top70, RANK, egdi, "2026-01-01");
		assertThat(after.status()).isEqualTo(ProgressStatus.MISSED);
		assertThat(after.projectedValue()).isEqualTo(71.0);
		assertThat(after.firstMetOn()).isNull();
	}

	@Test
	void shouldProjectRanksNoBetterThanFirst() {
		assertThat(compute(target(1, TargetComparator.LE, "2030-12-31"), RANK, points(2018, 20, 2019, 10), "2020-01-01")
			.projectedValue()).isEqualTo(1.0);
	}

	@Test
	void shouldCountPlacesGainedSinceTheBaselineForARankPlacesTarget() {
		// NQ17-01: raise the UN ranking by 10-15 places by 2020, counted from the 2018
		// survey. Gains per survey: +2 (2020), 0 (2022), +15 (2024).
		Target raise = new Target(1, "NQ17-01", "P", 10, 15.0, TargetComparator.GE, LocalDate.parse("2020-12-31"), 0.0,
				LocalDate.parse("2018-12-31"), TargetScope.NATIONAL, null, null, null, null, null);
		List<Point> gains = points(2016, 10, 2018, 1, 2020, 2, 2022, 0, 2024, 15);
		Progress today = compute(raise, PLACES, gains, "2026-12-06");
		assertThat(today.latestValue()).isEqualTo(17.0);
		assertThat(today.status()).isEqualTo(ProgressStatus.MISSED);
		assertThat(today.projectedValue()).isEqualTo(2.0);
		assertThat(today.firstMetOn()).isEqualTo("2024-12-31");
		assertThat(today.percentOfWay()).isEqualTo(100.0);
		// valueMax is the upper end of the range, not a ceiling: 17 places meets a later
		// deadline.
		Target later = new Target(1, "NQ17-01", "P", 10, 15.0, TargetComparator.GE, LocalDate.parse("2025-12-31"), 0.0,
				LocalDate.parse("2018-12-31"), TargetScope.NATIONAL, null, null, null, null, null);
		assertThat(compute(later, PLACES, gains, "2026-01-01").status()).isEqualTo(ProgressStatus.ACHIEVED);
		// At the deadline: the values known then (the service passes those on or before
		// asOf).
		Progress atDeadline = compute(raise, PLACES, points(2016, 10, 2018, 1, 2020, 2), "2020-12-31");
		assertThat(atDeadline.latestValue()).isEqualTo(2.0);
		assertThat(atDeadline.percentOfWay()).isEqualTo(20.0);
		assertThat(atDeadline.gap()).isEqualTo(8.0);
	}

	@Test
	void shouldLetTheComparatorDecideWhichWayIsBetter() {
		// A >= target on a lower-is-better indicator is still "at least".
		assertThat(compute(target(50, TargetComparator.GE), RANK, points(2019, 60), "2019-12-31").status())
			.isEqualTo(ProgressStatus.ACHIEVED);
		// "= 4" on a rank reads "reaches 4": 3 does.
		assertThat(compute(target(4, TargetComparator.EQ), RANK, points(2019, 3), "2019-12-31").status())
			.isEqualTo(ProgressStatus.ACHIEVED);
	}

	@Test
	void shouldLabelProgressComputedFromAnySampleValue() {
		Target target = target(80, TargetComparator.GE);
		List<Point> published = List.of(new Point(LocalDate.parse("2018-12-31"), 60, false, 1L),
				new Point(LocalDate.parse("2019-12-31"), 70, false, 2L));
		List<Point> mixed = List.of(new Point(LocalDate.parse("2018-12-31"), 60, true, 1L),
				new Point(LocalDate.parse("2019-12-31"), 70, false, 2L));
		assertThat(ProgressCalculator.compute(target, PERCENT, "VN", published, LocalDate.parse("2020-01-01")))
			.satisfies((p) -> {
				assertThat(p.sample()).isFalse();
				assertThat(p.latestMeasurementId()).isEqualTo(2L);
			});
		assertThat(ProgressCalculator.compute(target, PERCENT, "VN", mixed, LocalDate.parse("2020-01-01")).sample())
			.isTrue();
		assertThat(compute(target, PERCENT, List.of(), "2020-01-01").sample()).isFalse();
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
		return target(value, comparator, DEADLINE.toString());
	}

	private static Target target(double value, TargetComparator comparator, String deadline) {
		return new Target(1, null, "X", value, null, comparator, LocalDate.parse(deadline), null, null,
				TargetScope.NATIONAL, null, null, null, null, null);
	}

	private static List<Point> points(double... yearsAndValues) {
		List<Point> points = new java.util.ArrayList<>();
		for (int i = 0; i < yearsAndValues.length; i += 2) {
			points.add(new Point(LocalDate.of((int) yearsAndValues[i], 12, 31), yearsAndValues[i + 1]));
		}
		return points;
	}

}
