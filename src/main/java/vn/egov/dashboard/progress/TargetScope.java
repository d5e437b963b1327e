package vn.egov.dashboard.progress;

/**
 * Whom a target applies to: the country, a block of agencies, or one agency.
 */
public enum TargetScope {

	NATIONAL, BLOCK, AGENCY

}
