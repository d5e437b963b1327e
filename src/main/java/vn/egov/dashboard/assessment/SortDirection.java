package vn.egov.dashboard.assessment;

/** Which end of a sorted list comes first. */
enum SortDirection {

	/** Smallest first: the biggest falls, for a change. */
	ASC,
	/** Largest first: the biggest gains, for a change. */
	DESC

}
