package vn.egov.dashboard.assessment;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The value of the DataLoader behind {@code Agency.assessments}: one agency's own rounds,
 * oldest first.
 */
record AgencyAssessments(List<AgencyRound> rounds) {

	/**
	 * The loader's key: an agency, the field's arguments, and whether the request selects
	 * any field that needs ranks ({@code rank}, {@code blockSize}, {@code rankChange},
	 * …): ranking reads whole blocks, plain scores only the agency's rows.
	 * {@code publishedOnly} leaves the generated sample scores out.
	 */
	record Request(String agencyCode, @Nullable Framework framework, @Nullable Integer year, boolean publishedOnly,
			boolean ranked) {
	}

}
