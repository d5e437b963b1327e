package vn.egov.dashboard.progress;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One agency's progress toward a target.
 */
public record Progress(String agencyCode, @Nullable Double latestValue, @Nullable LocalDate latestPeriod,
		@Nullable Double gap, @Nullable Double percentOfWay, @Nullable Double projectedValue, ProgressStatus status) {

}
