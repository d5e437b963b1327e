package vn.egov.dashboard.progress;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * The inputs of the indicator and target mutations.
 */
final class TargetInputs {

	private TargetInputs() {
	}

	record CreateIndicatorInput(String code, String name, String nameEn, Unit unit, Direction direction,
			@Nullable String pillar, @Nullable String description) {
	}

	/** Null fields keep the indicator's value. */
	record UpdateIndicatorInput(String code, @Nullable String name, @Nullable String nameEn, @Nullable String pillar,
			@Nullable String description) {
	}

	/**
	 * @param sourceDocumentNumber the document that sets the target (e.g.
	 * {@code 749/QĐ-TTg}); or
	 * @param planId the agency plan that sets it
	 */
	record CreateTargetInput(String indicatorCode, double value, @Nullable Double valueMax,
			@Nullable TargetComparator comparator, LocalDate deadline, @Nullable Double baselineValue,
			@Nullable LocalDate baselineOn, TargetScope scope, @Nullable String block, @Nullable String agencyCode,
			@Nullable String sourceDocumentNumber, @Nullable String planId, @Nullable String code,
			@Nullable String note) {
	}

	/** A correction of a target: null fields keep its value. */
	record UpdateTargetInput(String id, @Nullable Double value, @Nullable Double valueMax,
			@Nullable TargetComparator comparator, @Nullable LocalDate deadline, @Nullable Double baselineValue,
			@Nullable LocalDate baselineOn, @Nullable String sourceDocumentNumber, @Nullable String note) {
	}

}
