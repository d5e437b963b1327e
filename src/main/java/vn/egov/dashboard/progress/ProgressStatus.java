package vn.egov.dashboard.progress;

/**
 * Where an agency stands against a target; see {@link ProgressCalculator} for the rule.
 * Declared worst first.
 */
public enum ProgressStatus {

	OFF_TRACK, AT_RISK, ON_TRACK, ACHIEVED, NO_DATA

}
