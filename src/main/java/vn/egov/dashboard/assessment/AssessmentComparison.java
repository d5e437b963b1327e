package vn.egov.dashboard.assessment;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Agencies side by side across the years of a framework:
 * {@code rows.get(i).cells().get(j)} is agency i in {@code years.get(j)}.
 */
record AssessmentComparison(Framework framework, String category, List<Integer> years, List<Row> rows) {

	/** One agency's cells, one per year; null where it was not ranked. */
	record Row(String agencyCode, List<@Nullable Standing> cells) {

	}

}
