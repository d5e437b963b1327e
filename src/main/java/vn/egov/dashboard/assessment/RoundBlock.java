package vn.egov.dashboard.assessment;

/**
 * A block as it appears in one round: how many agencies it ranks and how many of its
 * scores are published.
 *
 * @param sampleScoreCount scores generated for the demo data
 * @param publishedRankCount scores whose rank the source published
 */
record RoundBlock(long roundId, Block block, int agencyCount, int scoreCount, int sampleScoreCount,
		int publishedRankCount) {

}
