package vn.egov.dashboard.assessment;

import vn.egov.dashboard.graphql.NotFoundException;

/**
 * No round of the framework for the year a request names.
 */
public class AssessmentRoundNotFoundException extends NotFoundException {

	public AssessmentRoundNotFoundException(Framework framework, int year) {
		super("No " + framework + " round for " + year
				+ " (assessmentRounds lists the rounds; defineAssessmentRound creates one)");
	}

}
