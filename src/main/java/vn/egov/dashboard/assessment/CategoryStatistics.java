package vn.egov.dashboard.assessment;

/**
 * The distribution of one category's scores in a block, for a box plot. Quartiles are
 * {@code percentile_cont} (linear interpolation between neighbouring scores, as in most
 * spreadsheet and plotting tools).
 *
 * @param sampleCount how many of the scores are generated sample data
 */
record CategoryStatistics(long roundId, Block block, String categoryCode, int count, int sampleCount, double mean,
		double min, double q1, double median, double q3, double max, double standardDeviation) {

	/** Interquartile range, q3 - q1. */
	public double interquartileRange() {
		return this.q3 - this.q1;
	}

}
