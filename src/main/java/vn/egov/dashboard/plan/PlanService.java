package vn.egov.dashboard.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.agency.AgencyNotFoundException;
import vn.egov.dashboard.agency.AgencyRepository;
import vn.egov.dashboard.document.DocumentNotFoundException;
import vn.egov.dashboard.document.DocumentRepository;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.Texts;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.security.Access;
import vn.egov.dashboard.security.AgencyWrite;
import vn.egov.dashboard.security.AuditLog;
import vn.egov.dashboard.system.DataChangedEvent;
import vn.egov.dashboard.plan.PlanInputs.AdvancePlanInput;
import vn.egov.dashboard.plan.PlanInputs.CreatePlanInput;

/**
 * Every write to plans: creation and the status flow DRAFT → SUBMITTED → APPROVED →
 * SUPERSEDED. Each request is checked in full before anything is written.
 */
@Service
public class PlanService {

	static final int FIRST_YEAR = 2000;

	static final int LAST_YEAR = 2100;

	private final PlanRepository plans;

	private final AgencyRepository agencies;

	private final DocumentRepository documents;

	private final Clock clock;

	private final Changes changes;

	private final AuditLog audit;

	PlanService(PlanRepository plans, AgencyRepository agencies, DocumentRepository documents, Clock clock,
			Changes changes, AuditLog audit) {
		this.audit = audit;
		this.plans = plans;
		this.agencies = agencies;
		this.documents = documents;
		this.clock = clock;
		this.changes = changes;
	}

	@AgencyWrite
	public Mono<Plan> create(CreatePlanInput input) {
		String title = Texts.required("title", input.title(), 500);
		checkPeriod(input.kind(), input.periodStart(), input.periodEnd());
		Mono<Plan> insert = this.agencies.findByCode(input.agencyCode())
			.switchIfEmpty(Mono.error(() -> new AgencyNotFoundException(input.agencyCode())))
			.doOnNext((agency) -> checkExistsDuring(agency, input.periodStart(), input.periodEnd()))
			.then(documentId("guidingDocumentNumber", input.guidingDocumentNumber()))
			.flatMap((guiding) -> Access.requireAgency(input.agencyCode())
				.then(this.plans.insert(input.agencyCode(), input.kind(), title, input.periodStart(), input.periodEnd(),
						guiding.orElse(null), input.dueOn())))
			.flatMap((plan) -> this.audit.record("createPlan", "plan", plan.id(), null, plan).thenReturn(plan));
		return this.changes.commit(insert, PlanService::changed);
	}

	@AgencyWrite
	public Mono<Plan> advance(AdvancePlanInput input) {
		long id = Ids.parse("id", input.id());
		PlanStatus from = input.to().previous();
		if (from == null) {
			throw new InvalidInputException("to", "cannot be DRAFT: a plan starts as a draft and never returns to it");
		}
		LocalDate today = LocalDate.now(this.clock);
		LocalDate on = (input.on() != null) ? input.on() : today;
		if (on.isAfter(today)) {
			throw new InvalidInputException("on", "must not be in the future, was " + on);
		}
		if (input.approvingDocumentNumber() != null && input.to() != PlanStatus.APPROVED) {
			throw new InvalidInputException("approvingDocumentNumber", "only goes with to: APPROVED");
		}
		Mono<Plan> update = this.plans.findById(id)
			.switchIfEmpty(Mono.error(() -> new PlanNotFoundException(input.id())))
			.doOnNext((plan) -> checkStep(plan, input.to(), on))
			.flatMap((old) -> Access.requireAgency(old.agencyCode())
				.then(documentId("approvingDocumentNumber", input.approvingDocumentNumber()))
				.flatMap((approving) -> this.plans.advance(id, from, input.to(), on, approving.orElse(null)))
				.switchIfEmpty(Mono.error(() -> new InvalidInputException("to",
						"cannot be applied: the plan's status changed while this request ran; read it again")))
				.flatMap((plan) -> this.audit.record("advancePlan", "plan", plan.id(), old, plan).thenReturn(plan)));
		return this.changes.commit(update, PlanService::changed);
	}

	static DataChangedEvent changed(Plan plan) {
		return DataChangedEvent.of("plan", plan.id());
	}

	/**
	 * The id of the document numbered {@code number}, empty when no number is given; an
	 * unknown number is NOT_FOUND.
	 */
	private Mono<Optional<Long>> documentId(String field, @Nullable String number) {
		String given = Texts.optional(field, number, 100);
		if (given == null) {
			return Mono.just(Optional.empty());
		}
		return this.documents.findByNumber(given)
			.map((document) -> Optional.of(document.id()))
			.switchIfEmpty(Mono.error(() -> new DocumentNotFoundException(given)));
	}

	private static void checkPeriod(PlanKind kind, int start, int end) {
		if (start < FIRST_YEAR || start > LAST_YEAR) {
			throw new InvalidInputException("periodStart", "must be a year from " + FIRST_YEAR + " to " + LAST_YEAR);
		}
		if (end < start || end > LAST_YEAR) {
			throw new InvalidInputException("periodEnd", "must be a year from periodStart to " + LAST_YEAR);
		}
		if (kind == PlanKind.ANNUAL && end != start) {
			throw new InvalidInputException("periodEnd", "must equal periodStart for an ANNUAL plan");
		}
		if (kind == PlanKind.FIVE_YEAR && end - start != 4) {
			throw new InvalidInputException("periodEnd", "must be periodStart + 4 for a FIVE_YEAR plan");
		}
	}

	private static void checkExistsDuring(Agency agency, int start, int end) {
		if ((agency.validTo() != null && agency.validTo().getYear() < start)
				|| (agency.validFrom() != null && agency.validFrom().getYear() > end)) {
			throw new InvalidInputException("agencyCode",
					"names " + agency.name() + ", which did not exist during " + start + "–" + end
							+ (agency.successorCode() != null ? "; its successor is " + agency.successorCode() : ""));
		}
	}

	private static void checkStep(Plan plan, PlanStatus to, LocalDate on) {
		if (plan.status().next() != to) {
			PlanStatus next = plan.status().next();
			throw new InvalidInputException("to", "cannot move a " + plan.status() + " plan to " + to
					+ ((next != null) ? "; its next step is " + next : "; it is final"));
		}
		if (to == PlanStatus.APPROVED && plan.submittedOn() != null && on.isBefore(plan.submittedOn())) {
			throw new InvalidInputException("on", "must not be before the submission date " + plan.submittedOn());
		}
	}

}
