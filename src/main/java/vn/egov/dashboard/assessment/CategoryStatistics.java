package vn.egov.dashboard.assessment;

import java.math.BigDecimal;

/**
 * The distribution of one category's scores in a block, for a box plot. Quartiles are
 * {@code percentile_cont} (linear interpolation between neighbouring scores, as in most
 * spreadsheet and plotting tools). Figures are decimals, rounded to the 6 decimals of a
 * stored score by the query, so the range below is exact too.
 *
 * @param sampleCount how many of the scores are generated sample data
 */
record CategoryStatistics(long roundId, Block block, String categoryCode, int count, int sampleCount, BigDecimal mean,
		BigDecimal min, BigDecimal q1, BigDecimal median, BigDecimal q3, BigDecimal max, BigDecimal standardDeviation) {

	/** Interquartile range, q3 - q1. */
	public BigDecimal interquartileRange() {
		return this.q3.subtract(this.q1);
	}

}
