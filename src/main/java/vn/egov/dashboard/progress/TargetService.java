package vn.egov.dashboard.progress;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import vn.egov.dashboard.agency.AgencyNotFoundException;
import vn.egov.dashboard.agency.AgencyRepository;
import vn.egov.dashboard.document.DocumentNotFoundException;
import vn.egov.dashboard.document.DocumentRepository;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.NotFoundException;
import vn.egov.dashboard.graphql.Texts;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.plan.Plan;
import vn.egov.dashboard.plan.PlanNotFoundException;
import vn.egov.dashboard.plan.PlanRepository;
import vn.egov.dashboard.plan.PlanStatus;
import vn.egov.dashboard.progress.TargetInputs.CreateTargetInput;
import vn.egov.dashboard.progress.TargetInputs.UpdateTargetInput;
import vn.egov.dashboard.security.Access;
import vn.egov.dashboard.security.AuditLog;
import vn.egov.dashboard.security.Caller;
import vn.egov.dashboard.security.Role;
import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Every write to targets: setting one and correcting one. An ANALYST or ADMIN sets and
 * corrects any target, national, of a block or of one agency, from a document or a plan.
 * An AGENCY_EDITOR proposes targets of its own agency in its own plans while they are not
 * yet approved (DRAFT or SUBMITTED), and corrects those. Each request is checked in full
 * before anything is written: the scope and what it names, the value against the
 * indicator's unit, a range's upper end, the baseline before the deadline.
 */
@Service
public class TargetService {

	/**
	 * The blocks a BLOCK target may name: those progress covers, and two levels it does
	 * not hold.
	 */
	static final SortedSet<String> BLOCKS = blocks();

	private final TargetRepository targets;

	private final AgencyRepository agencies;

	private final DocumentRepository documents;

	private final PlanRepository plans;

	private final Changes changes;

	private final AuditLog audit;

	TargetService(TargetRepository targets, AgencyRepository agencies, DocumentRepository documents,
			PlanRepository plans, Changes changes, AuditLog audit) {
		this.targets = targets;
		this.agencies = agencies;
		this.documents = documents;
		this.plans = plans;
		this.changes = changes;
		this.audit = audit;
	}

	@PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'AGENCY_EDITOR')")
	public Mono<Target> create(CreateTargetInput input) {
		String code = Texts.optional("code", input.code(), 64);
		String note = Texts.optional("note", input.note(), 2000);
		checkScope(input.scope(), input.block(), input.agencyCode());
		Long planId = (input.planId() != null) ? Ids.parse("planId", input.planId()) : null;
		if (planId == null && input.sourceDocumentNumber() == null) {
			throw new InvalidInputException("sourceDocumentNumber",
					"or planId is required: a target is set by a legal document or an agency's plan");
		}
		TargetComparator comparator = Objects.requireNonNullElse(input.comparator(), TargetComparator.GE);
		Mono<Target> insert = indicator(input.indicatorCode()).flatMap((indicator) -> {
			checkValues(indicator, input.value(), input.valueMax(), input.baselineValue(), input.baselineOn(),
					input.deadline());
			return agency(input.agencyCode()).then(plan(planId))
				.flatMap((plan) -> mayWrite(plan.orElse(null), input.scope(), input.agencyCode())
					.then(documentId(input.sourceDocumentNumber()))
					.flatMap((document) -> this.targets
						.insertTarget(new Target(0, code, indicator.code(), input.value(), input.valueMax(), comparator,
								input.deadline(), input.baselineValue(), input.baselineOn(), input.scope(),
								input.block(), input.agencyCode(), document.orElse(null), planId, note))));
		})
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> new InvalidInputException("code", "'" + code + "' is taken by another target"))
			.flatMap((target) -> this.audit.record("createTarget", "target", target.id(), null, target)
				.thenReturn(target));
		return this.changes.commit(insert, TargetService::changed);
	}

	@PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'AGENCY_EDITOR')")
	public Mono<Target> update(UpdateTargetInput input) {
		long id = Ids.parse("id", input.id());
		String note = Texts.optional("note", input.note(), 2000);
		Mono<Target> update = this.targets.lockTarget(id)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No target with id '" + input.id() + "'")))
			.flatMap((old) -> plan(old.planId())
				.flatMap((plan) -> mayWrite(plan.orElse(null), old.scope(), old.agencyCode()))
				.then(indicator(old.indicatorCode()))
				.flatMap((indicator) -> {
					double value = (input.value() != null) ? input.value() : old.value();
					Double valueMax = (input.valueMax() != null) ? input.valueMax() : old.valueMax();
					Double baselineValue = (input.baselineValue() != null) ? input.baselineValue()
							: old.baselineValue();
					LocalDate baselineOn = (input.baselineOn() != null) ? input.baselineOn() : old.baselineOn();
					LocalDate deadline = (input.deadline() != null) ? input.deadline() : old.deadline();
					checkValues(indicator, value, valueMax, baselineValue, baselineOn, deadline);
					return documentId(input.sourceDocumentNumber())
						.flatMap((document) -> this.targets.updateTarget(new Target(id, old.code(), old.indicatorCode(),
								value, valueMax, Objects.requireNonNullElse(input.comparator(), old.comparator()),
								deadline, baselineValue, baselineOn, old.scope(), old.block(), old.agencyCode(),
								document.orElse(old.sourceDocumentId()), old.planId(),
								(note != null) ? note : old.note())));
				})
				.flatMap((target) -> this.audit.record("updateTarget", "target", id, old, target).thenReturn(target)));
		return this.changes.commit(update, TargetService::changed);
	}

	static DataChangedEvent changed(Target target) {
		return DataChangedEvent.of("target", target.id());
	}

	private static void checkScope(TargetScope scope, @Nullable String block, @Nullable String agencyCode) {
		if ((scope == TargetScope.AGENCY) != (agencyCode != null)) {
			throw new InvalidInputException("agencyCode", "is required for scope AGENCY, and only for it");
		}
		if ((scope == TargetScope.BLOCK) != (block != null)) {
			throw new InvalidInputException("block", "is required for scope BLOCK, and only for it");
		}
		if (block != null && !BLOCKS.contains(block)) {
			throw new InvalidInputException("block", "must be one of " + BLOCKS + ", was '" + block + "'");
		}
	}

	static void checkValues(Indicator indicator, double value, @Nullable Double valueMax,
			@Nullable Double baselineValue, @Nullable LocalDate baselineOn, LocalDate deadline) {
		MeasurementService.checkValue(indicator, value);
		if (valueMax != null) {
			try {
				MeasurementService.checkValue(indicator, valueMax);
			}
			catch (InvalidInputException ex) {
				throw new InvalidInputException("valueMax", ex.getMessage().substring("value ".length()));
			}
			if (valueMax < value) {
				throw new InvalidInputException("valueMax",
						"is the upper end of a range and must not be below value " + value + ", was " + valueMax);
			}
		}
		if (baselineValue != null) {
			try {
				MeasurementService.checkValue(indicator, baselineValue);
			}
			catch (InvalidInputException ex) {
				throw new InvalidInputException("baselineValue", ex.getMessage().substring("value ".length()));
			}
		}
		if (baselineOn != null && !baselineOn.isBefore(deadline)) {
			throw new InvalidInputException("baselineOn",
					"must be before the deadline " + deadline + ", was " + baselineOn);
		}
	}

	/**
	 * An ANALYST or ADMIN writes any target. An AGENCY_EDITOR writes only targets of its
	 * own agency in its own plans that are not approved yet.
	 */
	private Mono<Void> mayWrite(@Nullable Plan plan, TargetScope scope, @Nullable String agencyCode) {
		return Access.caller().flatMap((caller) -> {
			if (caller.has(Role.ADMIN) || caller.has(Role.ANALYST)) {
				return Mono.empty();
			}
			if (plan == null) {
				return Mono.error(new InvalidInputException("planId",
						"is required: an agency editor proposes targets in its own plans only"));
			}
			return Access.requireAgency(plan.agencyCode())
				.then(Mono.defer(() -> checkProposal(caller, plan, scope, agencyCode)));
		});
	}

	private static Mono<Void> checkProposal(Caller caller, Plan plan, TargetScope scope, @Nullable String agencyCode) {
		if (scope != TargetScope.AGENCY || !plan.agencyCode().equals(agencyCode)) {
			return Mono.error(new InvalidInputException("scope", "must be AGENCY with agencyCode " + plan.agencyCode()
					+ ": an agency editor (" + caller.agencyCode() + ") proposes targets of its own agency"));
		}
		if (plan.status() != PlanStatus.DRAFT && plan.status() != PlanStatus.SUBMITTED) {
			return Mono.error(new InvalidInputException("planId", "names a plan that is " + plan.status()
					+ "; an agency editor proposes targets only in a DRAFT or SUBMITTED plan"));
		}
		return Mono.empty();
	}

	private Mono<Indicator> indicator(String code) {
		return this.targets.findIndicators(List.of(code))
			.next()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No indicator with code '" + code + "'")));
	}

	private Mono<Void> agency(@Nullable String code) {
		if (code == null) {
			return Mono.empty();
		}
		return this.agencies.findByCode(code).switchIfEmpty(Mono.error(() -> new AgencyNotFoundException(code))).then();
	}

	private Mono<Optional<Plan>> plan(@Nullable Long id) {
		if (id == null) {
			return Mono.just(Optional.empty());
		}
		return this.plans.findById(id)
			.map(Optional::of)
			.switchIfEmpty(Mono.error(() -> new PlanNotFoundException(Long.toString(id))));
	}

	private Mono<Optional<Long>> documentId(@Nullable String number) {
		String given = Texts.optional("sourceDocumentNumber", number, 100);
		if (given == null) {
			return Mono.just(Optional.empty());
		}
		return this.documents.findByNumber(given)
			.map((document) -> Optional.of(document.id()))
			.switchIfEmpty(Mono.error(() -> new DocumentNotFoundException(given)));
	}

	private static SortedSet<String> blocks() {
		SortedSet<String> blocks = new TreeSet<>(ProgressService.BLOCKS.keySet());
		blocks.add("DISTRICTS");
		blocks.add("COMMUNES");
		return Collections.unmodifiableSortedSet(blocks);
	}

}
