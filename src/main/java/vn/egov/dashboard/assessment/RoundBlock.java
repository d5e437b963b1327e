package vn.egov.dashboard.assessment;

/**
 * A block as it appears in one round: how many agencies it ranks and how many of its scores are published.
 *
 * @param sampleScores scores generated for the demo data
 * @param publishedRanks scores whose rank the source published
 */
record RoundBlock(long roundId, Block block, int agencies, int scores, int sampleScores, int publishedRanks) {

}
