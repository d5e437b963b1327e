package vn.egov.dashboard.progress;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A value an indicator must reach by {@code deadline}, for the country, a block or one
 * agency.
 */
public record Target(long id, @Nullable String code, String indicatorCode, double value, @Nullable Double valueMax,
		TargetComparator comparator, LocalDate deadline, @Nullable Double baselineValue, @Nullable LocalDate baselineOn,
		TargetScope scope, @Nullable String block, @Nullable String agencyCode, @Nullable Long sourceDocumentId,
		@Nullable Long planId, @Nullable String note) {

}
