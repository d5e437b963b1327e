package vn.egov.dashboard.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * An agency's report on a task; {@code dueOn} is the task's. Reports are kept: the
 * agency's current report is the one recorded last.
 */
public record TaskReport(long id, long taskId, String agencyCode, TaskStatus status, @Nullable LocalDate reportedOn,
		@Nullable String note, @Nullable LocalDate dueOn, OffsetDateTime recordedAt) {

	public boolean late() {
		return this.reportedOn != null && this.dueOn != null && this.reportedOn.isAfter(this.dueOn);
	}

	/**
	 * {@link #late} in SQL, on a row {@code report} of {@link TaskRepository#reports}.
	 */
	static String late(String report) {
		return "coalesce(%1$s.reported_on > %1$s.due_on, false)".formatted(report);
	}

}
