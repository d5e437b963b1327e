package vn.egov.dashboard.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Computes an agency's progress toward a target from its values up to a date. Pure: no
 * I/O. The rule, also in the schema's description of {@code Progress}:
 * <ul>
 * <li>Before the deadline: ACHIEVED if the latest value meets the target (per its
 * comparator); else ON_TRACK if the value projected to the deadline meets it, AT_RISK if
 * the projection falls short by at most {@link #AT_RISK_TOLERANCE} of the target value,
 * OFF_TRACK otherwise.</li>
 * <li>On and after the deadline the target is judged by the latest value on or before the
 * deadline: ACHIEVED if it meets the target, MISSED if not, NO_DATA if there is none. A
 * value after the deadline changes no verdict; {@code firstMetOn} shows when (or whether)
 * the target was met late.</li>
 * </ul>
 * "Meets": {@code >=}, {@code >}, {@code <=} as written; {@code =} is read as "reaches"
 * (at least the value, or at most it when lower is better). {@code <=} targets (ranks:
 * "top 70" is a rank of at most 70) improve downwards. The projection extends the
 * least-squares line through the values (per year) to the deadline; a single value is its
 * own projection. Percentages are projected within 0–100 and ranks no higher than 1.
 * <p>
 * RANK_PLACES targets ("raise the UN ranking by 10–15 places") count the places gained
 * since the target's baseline date: the values are places gained since the previous
 * survey, and the progress of each period is the sum of the gains measured after
 * {@code baselineOn} up to it. {@code valueMax} (15) is the upper end of the range the
 * target names, not a ceiling: gaining more still meets it.
 */
public final class ProgressCalculator {

	/**
	 * How far short of the target (as a share of it) a projection may fall and still be
	 * AT_RISK.
	 */
	public static final double AT_RISK_TOLERANCE = 0.10;

	private static final double DAYS_PER_YEAR = 365.25;

	/** Decimals of {@code percentOfWay}. */
	static final int PERCENT_SCALE = 1;

	private ProgressCalculator() {
	}

	/**
	 * A value for the period ending on {@code period}; {@code sample} if it is generated,
	 * {@code measurementId} the measurement it comes from (null in calculations).
	 */
	public record Point(LocalDate period, double value, boolean sample, @Nullable Long measurementId) {

		public Point(LocalDate period, double value) {
			this(period, value, false, null);
		}

	}

	/**
	 * Progress of {@code agencyCode} toward {@code target} given its {@code series}
	 * (oldest first, only values on or before {@code asOf}).
	 */
	public static Progress compute(Target target, Indicator indicator, String agencyCode, List<Point> series,
			LocalDate asOf) {
		List<Point> values = (indicator.unit() == Unit.RANK_PLACES && target.baselineOn() != null)
				? placesSinceBaseline(series, target.baselineOn()) : series;
		if (values.isEmpty()) {
			return new Progress(agencyCode, null, null, null, null, null, ProgressStatus.NO_DATA, false, null, null);
		}
		double sign = sign(target, indicator);
		Point latest = values.get(values.size() - 1);
		double goal = target.value();
		double start = (target.baselineValue() != null) ? target.baselineValue() : values.get(0).value();
		double gap = Math.max(0, sign * difference(goal, latest.value()));
		double percentOfWay = (goal == start) ? (meets(target, sign, latest.value()) ? 100 : 0)
				: rounded(clamp((latest.value() - start) / (goal - start) * 100, 0, 100), PERCENT_SCALE);
		boolean sample = values.stream().anyMatch(Point::sample);
		LocalDate firstMetOn = values.stream()
			.filter((p) -> meets(target, sign, p.value()))
			.map(Point::period)
			.findFirst()
			.orElse(null);
		Double projected;
		ProgressStatus status;
		if (asOf.isBefore(target.deadline())) {
			double trend = project(values, target.deadline(), indicator.unit());
			status = statusBefore(target, sign, latest.value(), trend);
			projected = rounded(trend, scale(values));
		}
		else {
			Point judged = values.stream()
				.filter((p) -> !p.period().isAfter(target.deadline()))
				.reduce((a, b) -> b)
				.orElse(null);
			projected = (judged != null) ? judged.value() : null;
			status = (judged == null) ? ProgressStatus.NO_DATA
					: meets(target, sign, judged.value()) ? ProgressStatus.ACHIEVED : ProgressStatus.MISSED;
		}
		return new Progress(agencyCode, latest.value(), latest.period(), gap, percentOfWay, projected, status, sample,
				firstMetOn, latest.measurementId());
	}

	private static ProgressStatus statusBefore(Target target, double sign, double latest, double projected) {
		if (meets(target, sign, latest)) {
			return ProgressStatus.ACHIEVED;
		}
		if (meets(target, sign, projected)) {
			return ProgressStatus.ON_TRACK;
		}
		double shortfall = sign * (target.value() - projected);
		return (shortfall <= AT_RISK_TOLERANCE * Math.abs(target.value())) ? ProgressStatus.AT_RISK
				: ProgressStatus.OFF_TRACK;
	}

	/**
	 * +1 when the target is met from below (higher is better), -1 from above: set by the
	 * comparator, and for {@code =} by the indicator's direction.
	 */
	static double sign(Target target, Indicator indicator) {
		return switch (target.comparator()) {
			case GE, GT -> 1;
			case LE -> -1;
			case EQ -> (indicator.direction() == Direction.LOWER_IS_BETTER) ? -1 : 1;
		};
	}

	/** Whether {@code value} meets the target; "= 100" is read as "reaches 100". */
	static boolean meets(Target target, double sign, double value) {
		double difference = sign * (value - target.value());
		return (target.comparator() == TargetComparator.GT) ? difference > 0 : difference >= 0;
	}

	/**
	 * Places gained since {@code baselineOn}: for each period after it, the sum of the
	 * gains measured after it up to that period.
	 */
	static List<Point> placesSinceBaseline(List<Point> series, LocalDate baselineOn) {
		List<Point> cumulative = new ArrayList<>();
		BigDecimal sum = BigDecimal.ZERO;
		boolean sample = false;
		for (Point point : series) {
			if (point.period().isAfter(baselineOn)) {
				sum = sum.add(BigDecimal.valueOf(point.value()));
				sample |= point.sample();
				cumulative.add(new Point(point.period(), sum.doubleValue(), sample, point.measurementId()));
			}
		}
		return cumulative;
	}

	/** The least-squares line through {@code series} extended to {@code deadline}. */
	static double project(List<Point> series, LocalDate deadline, Unit unit) {
		Point latest = series.get(series.size() - 1);
		if (series.size() < 2 || !deadline.isAfter(latest.period())) {
			return latest.value();
		}
		LocalDate origin = series.get(0).period();
		double n = series.size();
		double sumX = 0;
		double sumY = 0;
		double sumXY = 0;
		double sumXX = 0;
		for (Point point : series) {
			double x = years(origin, point.period());
			sumX += x;
			sumY += point.value();
			sumXY += x * point.value();
			sumXX += x * x;
		}
		double denominator = n * sumXX - sumX * sumX;
		double slope = (denominator == 0) ? 0 : (n * sumXY - sumX * sumY) / denominator;
		double projected = latest.value() + slope * years(latest.period(), deadline);
		return switch (unit) {
			case PERCENT -> clamp(projected, 0, 100);
			case RANK -> Math.max(1, projected);
			default -> projected;
		};
	}

	/**
	 * {@code a - b} as the decimals they are written with (80 - 44.1 is 35.9, not the
	 * 35.900000000000006 of binary floating point): values come from numeric columns.
	 */
	static double difference(double a, double b) {
		return BigDecimal.valueOf(a).subtract(BigDecimal.valueOf(b)).doubleValue();
	}

	/** {@code value} rounded half up to {@code scale} decimals. */
	static double rounded(double value, int scale) {
		return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).doubleValue();
	}

	/**
	 * The most decimals any value of {@code series} is written with: a projection from
	 * them is given at that precision, no finer than the figures it is made of.
	 */
	static int scale(List<Point> series) {
		return series.stream()
			.mapToInt((p) -> Math.max(0, BigDecimal.valueOf(p.value()).stripTrailingZeros().scale()))
			.max()
			.orElse(0);
	}

	private static double years(LocalDate from, LocalDate to) {
		return ChronoUnit.DAYS.between(from, to) / DAYS_PER_YEAR;
	}

	private static double clamp(double value, double min, double max) {
		return Math.max(min, Math.min(max, value));
	}

}
