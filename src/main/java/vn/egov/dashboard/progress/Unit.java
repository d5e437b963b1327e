package vn.egov.dashboard.progress;

/**
 * What an indicator's values count.
 */
public enum Unit {

	PERCENT, COUNT, SCORE,
	/** A position in a ranking; lower is better. */
	RANK,
	/** Places gained in a ranking. */
	RANK_PLACES

}
