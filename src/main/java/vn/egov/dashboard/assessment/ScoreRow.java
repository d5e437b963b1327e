package vn.egov.dashboard.assessment;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One checked score, ready to be written: from a valid import line or from the demo data.
 *
 * @param line where it came from in its file, for messages
 * @param sample the score is generated sample data, not a published figure
 * @param publishedRank the rank as published, if the source states one
 */
public record ScoreRow(int line, Block block, String agencyCode, String categoryCode, BigDecimal score, boolean sample,
		@Nullable Integer publishedRank, @Nullable String source, @Nullable String note) {

}
