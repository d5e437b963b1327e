package vn.egov.dashboard.assessment;

import java.math.BigDecimal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One agency's score in one category of a round, with its rank in the block computed by
 * {@code assessment_ranked} and its rank in the same block and category of the
 * framework's previous round.
 *
 * @param sample the score was generated for the demo data, not published
 * @param publishedRank the rank as the source published it, null where it did not state
 * one
 * @param previousYear the year of the previous round of the framework that ranked this
 * block, if any
 * @param previousSample whether the score behind {@code previousRank} is generated sample
 * data
 * @param category the score's category, read with it: {@code CategoryScore.category} is
 * then a plain property, not a batch load per score (which was 60% of the time of a page
 * of 100 agencies with their scores)
 */
record Standing(long roundId, Framework framework, int year, Block block, String categoryCode, int categoryPosition,
		BigDecimal maxScore, String agencyCode, BigDecimal score, boolean sample, @Nullable Integer publishedRank,
		@Nullable String source, @Nullable String note, int rank, int blockSize, boolean tied,
		@Nullable Integer previousRank, @Nullable Integer previousYear, @Nullable Boolean previousSample,
		AssessmentCategory category) {

	/**
	 * Hashes only the key (round, block, category, agency) that identifies a score: batch
	 * mappings key maps by standings, and hashing all nineteen components (BigDecimals,
	 * texts) was 6% of the CPU of a page of scores. Consistent with the generated
	 * {@code equals}: equal standings have equal keys.
	 */
	@Override
	public int hashCode() {
		return Objects.hash(this.roundId, this.block, this.categoryCode, this.agencyCode);
	}

	/**
	 * Places gained since the previous round: positive moved up, negative moved down,
	 * null if not ranked then.
	 */
	public @Nullable Integer rankChange() {
		return (this.previousRank != null) ? this.previousRank - this.rank : null;
	}

}
