package vn.egov.dashboard.progress;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One agency's progress toward a target, as {@link ProgressCalculator} computes it.
 *
 * @param projectedValue before the deadline, the value the trend projects at it; on and
 * after the deadline, the value the target was judged by (the latest on or before the
 * deadline), null if none
 * @param sample whether any value it is computed from is generated sample data
 * @param firstMetOn the period of the first value that met the target, null if none did
 * (possibly after the deadline: met late)
 * @param latestMeasurementId the measurement behind {@code latestValue}, null if none
 */
public record Progress(String agencyCode, @Nullable Double latestValue, @Nullable LocalDate latestPeriod,
		@Nullable Double gap, @Nullable Double percentOfWay, @Nullable Double projectedValue, ProgressStatus status,
		boolean sample, @Nullable LocalDate firstMetOn, @Nullable Long latestMeasurementId) {

}
