package vn.egov.dashboard.plan;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * The inputs of the plan and task mutations.
 */
final class PlanInputs {

	private PlanInputs() {
	}

	record CreatePlanInput(String agencyCode, PlanKind kind, String title, int periodStart, int periodEnd,
			@Nullable String guidingDocumentNumber, @Nullable LocalDate dueOn) {
	}

	record AdvancePlanInput(String id, PlanStatus to, @Nullable LocalDate on,
			@Nullable String approvingDocumentNumber) {
	}

	record ReportTaskInput(String taskId, String agencyCode, TaskStatus status, @Nullable LocalDate reportedOn,
			@Nullable String note) {
	}

}
