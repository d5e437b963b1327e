package vn.egov.dashboard.plan;

/**
 * Kế hoạch 5 năm, hằng năm, or the implementation plan of one decision.
 */
public enum PlanKind {

	FIVE_YEAR, ANNUAL, IMPLEMENTATION

}
