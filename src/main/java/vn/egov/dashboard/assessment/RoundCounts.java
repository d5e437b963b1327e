package vn.egov.dashboard.assessment;

/**
 * How many scores a round holds, published and generated, and how many agencies it ranks.
 */
record RoundCounts(long roundId, int scoreCount, int publishedScoreCount, int sampleScoreCount, int agencyCount) {

	static RoundCounts none(long roundId) {
		return new RoundCounts(roundId, 0, 0, 0, 0);
	}

}
