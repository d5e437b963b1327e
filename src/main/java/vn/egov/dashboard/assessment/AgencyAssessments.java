package vn.egov.dashboard.assessment;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The value of the DataLoader behind {@code Agency.assessments}: one agency's own rounds, oldest first.
 */
record AgencyAssessments(List<AgencyRound> rounds) {

	/** The loader's key: an agency and the field's arguments. */
	record Request(String agencyCode, @Nullable Framework framework, @Nullable Integer year) {
	}

}
