package vn.egov.dashboard.plan;

import org.jspecify.annotations.Nullable;

/**
 * A plan moves one step at a time: DRAFT → SUBMITTED → APPROVED → SUPERSEDED.
 */
public enum PlanStatus {

	DRAFT, SUBMITTED, APPROVED, SUPERSEDED;

	/**
	 * The status a plan must have to move to this one, or null for DRAFT, which nothing
	 * moves to.
	 */
	@Nullable PlanStatus previous() {
		return (ordinal() > 0) ? values()[ordinal() - 1] : null;
	}

	/** The status after this one, or null for SUPERSEDED. */
	@Nullable PlanStatus next() {
		return (ordinal() < values().length - 1) ? values()[ordinal() + 1] : null;
	}

}
