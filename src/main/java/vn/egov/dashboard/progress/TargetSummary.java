package vn.egov.dashboard.progress;

import java.util.List;

/**
 * How many agencies a target's progress covers, and how many are in each status.
 *
 * @param sample whether any of the progress is computed from generated sample values
 */
public record TargetSummary(int agencies, int achieved, int onTrack, int atRisk, int offTrack, int missed, int noData,
		boolean sample) {

	static TargetSummary of(List<Progress> progress) {
		return new TargetSummary(progress.size(), count(progress, ProgressStatus.ACHIEVED),
				count(progress, ProgressStatus.ON_TRACK), count(progress, ProgressStatus.AT_RISK),
				count(progress, ProgressStatus.OFF_TRACK), count(progress, ProgressStatus.MISSED),
				count(progress, ProgressStatus.NO_DATA), progress.stream().anyMatch(Progress::sample));
	}

	private static int count(List<Progress> progress, ProgressStatus status) {
		return (int) progress.stream().filter((p) -> p.status() == status).count();
	}

}
