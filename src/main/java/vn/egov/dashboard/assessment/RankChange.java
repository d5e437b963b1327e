package vn.egov.dashboard.assessment;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An agency's standing in a block of one round against an earlier round of the same
 * framework, by the rule of {@code assessment_comparison} (V13__rank_comparison.sql): the
 * earlier score is the agency's own or, for an agency created by a merger, the mean of
 * its predecessors' scores, and the earlier rank is that score's place among this block's
 * agencies. The earlier fields are null when there is nothing to compare with (or only
 * generated scores, when published scores were asked for).
 *
 * @param fromBlock the earlier round's block compared with
 * @param fromAgencies the agencies whose earlier scores make {@code fromScore}: the
 * agency itself, or the agencies merged into it
 */
record RankChange(String agencyCode, Block block, int rank, BigDecimal score, boolean sample, int blockSize,
		int fromYear, @Nullable Block fromBlock, @Nullable Integer fromRank, @Nullable BigDecimal fromScore,
		@Nullable Boolean fromSample, List<String> fromAgencies) {

	/** Places gained (positive moved up), or null. */
	public @Nullable Integer rankChange() {
		return (this.fromRank != null) ? this.fromRank - this.rank : null;
	}

	/** The score's change, exact (both scores have at most 6 decimals), or null. */
	public @Nullable BigDecimal scoreChange() {
		return (this.fromScore != null) ? this.score.subtract(this.fromScore) : null;
	}

}
