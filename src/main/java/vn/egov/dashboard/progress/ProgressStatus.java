package vn.egov.dashboard.progress;

import java.util.Comparator;

/**
 * Where an agency stands against a target; see {@link ProgressCalculator} for the rule.
 * The ordinals are stable (gauges export them): a new status is added at the end.
 */
public enum ProgressStatus {

	OFF_TRACK, AT_RISK, ON_TRACK, ACHIEVED, NO_DATA, MISSED;

	/** Worst first: MISSED, OFF_TRACK, AT_RISK, ON_TRACK, ACHIEVED, then NO_DATA. */
	public static final Comparator<ProgressStatus> WORST_FIRST = Comparator.comparingInt(ProgressStatus::severity);

	private int severity() {
		return switch (this) {
			case MISSED -> 0;
			case OFF_TRACK -> 1;
			case AT_RISK -> 2;
			case ON_TRACK -> 3;
			case ACHIEVED -> 4;
			case NO_DATA -> 5;
		};
	}

}
