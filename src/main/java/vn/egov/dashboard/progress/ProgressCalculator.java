package vn.egov.dashboard.progress;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Computes an agency's progress toward a target from its values up to a date. Pure: no
 * I/O.
 * <ul>
 * <li>ACHIEVED: the latest value meets the target (per its comparator).</li>
 * <li>OFF_TRACK: the deadline has passed without meeting it.</li>
 * <li>ON_TRACK: the value projected to the deadline meets the target.</li>
 * <li>AT_RISK: the projection falls short by at most {@link #AT_RISK_TOLERANCE} of the
 * target value.</li>
 * <li>OFF_TRACK otherwise.</li>
 * </ul>
 * The projection extends the least-squares line through the values (per year) to the
 * deadline; a single value is its own projection. Percentages are projected within 0–100.
 */
public final class ProgressCalculator {

	/**
	 * How far short of the target (as a share of it) a projection may fall and still be
	 * AT_RISK.
	 */
	public static final double AT_RISK_TOLERANCE = 0.10;

	private static final double DAYS_PER_YEAR = 365.25;

	private ProgressCalculator() {
	}

	/** A value for the period ending on {@code period}. */
	public record Point(LocalDate period, double value) {
	}

	/**
	 * Progress of {@code agencyCode} toward {@code target} given its {@code series}
	 * (oldest first, only values on or before {@code asOf}).
	 */
	public static Progress compute(Target target, Indicator indicator, String agencyCode, List<Point> series,
			LocalDate asOf) {
		if (series.isEmpty()) {
			return new Progress(agencyCode, null, null, null, null, null, ProgressStatus.NO_DATA);
		}
		double sign = (target.comparator() == TargetComparator.LE || indicator.direction() == Direction.LOWER_IS_BETTER)
				? -1 : 1;
		Point latest = series.get(series.size() - 1);
		double goal = target.value();
		double start = (target.baselineValue() != null) ? target.baselineValue() : series.get(0).value();
		double gap = Math.max(0, sign * (goal - latest.value()));
		double percentOfWay = (goal == start) ? (meets(target, sign, latest.value()) ? 100 : 0)
				: clamp((latest.value() - start) / (goal - start) * 100, 0, 100);
		double projected = project(series, target.deadline(), indicator.unit());
		ProgressStatus status = status(target, sign, latest.value(), projected, asOf);
		return new Progress(agencyCode, latest.value(), latest.period(), gap, percentOfWay, projected, status);
	}

	private static ProgressStatus status(Target target, double sign, double latest, double projected, LocalDate asOf) {
		if (meets(target, sign, latest)) {
			return ProgressStatus.ACHIEVED;
		}
		if (asOf.isAfter(target.deadline())) {
			return ProgressStatus.OFF_TRACK;
		}
		if (meets(target, sign, projected)) {
			return ProgressStatus.ON_TRACK;
		}
		double shortfall = sign * (target.value() - projected);
		return (shortfall <= AT_RISK_TOLERANCE * Math.abs(target.value())) ? ProgressStatus.AT_RISK
				: ProgressStatus.OFF_TRACK;
	}

	/** Whether {@code value} meets the target; "= 100" is read as "reaches 100". */
	static boolean meets(Target target, double sign, double value) {
		double difference = sign * (value - target.value());
		return (target.comparator() == TargetComparator.GT) ? difference > 0 : difference >= 0;
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
		return (unit == Unit.PERCENT) ? clamp(projected, 0, 100) : projected;
	}

	private static double years(LocalDate from, LocalDate to) {
		return ChronoUnit.DAYS.between(from, to) / DAYS_PER_YEAR;
	}

	private static double clamp(double value, double min, double max) {
		return Math.max(min, Math.min(max, value));
	}

}
