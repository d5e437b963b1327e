package vn.egov.dashboard.assessment;

/** What {@code rankChanges} sorts by. */
enum RankChangeSort {

	/** Places gained. */
	RANK_CHANGE,
	/** Score gained. */
	SCORE_CHANGE

}
