package vn.egov.dashboard.plan;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * An agency's IT-application / digital-transformation plan for the years
 * {@code periodStart}–{@code periodEnd}.
 */
public record Plan(long id, String agencyCode, PlanKind kind, String title, int periodStart, int periodEnd,
		PlanStatus status, @Nullable Long guidingDocumentId, @Nullable Long approvingDocumentId,
		@Nullable LocalDate dueOn, @Nullable LocalDate submittedOn, @Nullable LocalDate approvedOn,
		@Nullable String note) {

	/** Submitted after its due date, or still a draft once the due date has passed. */
	public boolean late(LocalDate today) {
		if (this.dueOn == null) {
			return false;
		}
		if (this.submittedOn != null) {
			return this.submittedOn.isAfter(this.dueOn);
		}
		return this.status == PlanStatus.DRAFT && today.isAfter(this.dueOn);
	}

}
