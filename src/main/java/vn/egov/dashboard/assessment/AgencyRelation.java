package vn.egov.dashboard.assessment;

/**
 * Whose history an {@link AgencyRound} is, relative to the agency asked for.
 */
enum AgencyRelation {

	/** The agency asked for. */
	SELF,
	/** An agency merged into it, directly or through earlier mergers. */
	PREDECESSOR

}
