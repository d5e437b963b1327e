package vn.egov.dashboard.plan;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An agency's report on a task; {@code dueOn} is the task's.
 */
public record TaskReport(long taskId, String agencyCode, TaskStatus status, @Nullable LocalDate reportedOn,
		@Nullable String note, @Nullable LocalDate dueOn) {

	public boolean late() {
		return this.reportedOn != null && this.dueOn != null && this.reportedOn.isAfter(this.dueOn);
	}

}
