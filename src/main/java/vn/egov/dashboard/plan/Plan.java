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

	/**
	 * {@link #late} in SQL, on the plan row {@code plan} and the date {@code today} (a
	 * bound parameter).
	 */
	static String late(String plan, String today) {
		return """
				CASE WHEN %1$s.due_on IS NULL THEN false
				     WHEN %1$s.submitted_on IS NOT NULL THEN %1$s.submitted_on > %1$s.due_on
				     ELSE %1$s.status = 'DRAFT' AND cast(%2$s AS date) > %1$s.due_on END""".formatted(plan, today);
	}

}
