package vn.egov.dashboard.assessment;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An agency's scores in every category of one block of one round.
 *
 * @param agencyCode whose scores these are: the agency asked for or one of its
 * predecessors
 */
record AgencyRound(Framework framework, int year, long roundId, Block block, String agencyCode, AgencyRelation relation,
		List<Standing> scores) {

	public @Nullable Standing total() {
		return this.scores.stream()
			.filter((s) -> s.categoryCode().equals(AssessmentCategory.TOTAL))
			.findFirst()
			.orElse(null);
	}

}
