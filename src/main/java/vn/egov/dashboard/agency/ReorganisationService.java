package vn.egov.dashboard.agency;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.Texts;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.security.AnalystWrite;
import vn.egov.dashboard.security.AuditLog;
import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Records a reorganisation as the 2025 province merger is recorded: the agencies that end
 * get their last day ({@code validTo}, the day before the merger takes effect) and a
 * {@code successor}; a new successor exists from that day ({@code validFrom}). Then
 * {@code asOf} queries, histories (which follow successors to predecessors) and rankings
 * follow without more. Checked in full before anything is written; ANALYST or ADMIN;
 * audited.
 */
@Service
public class ReorganisationService {

	/** Input of {@code recordMerger}. */
	record RecordMergerInput(List<String> predecessors, String successorCode, @Nullable NewAgencyInput newSuccessor,
			LocalDate effectiveOn, @Nullable String source) {
	}

	/** The successor when it is created by the merger. */
	record NewAgencyInput(String name, @Nullable String fullName, String nameEn, AgencyKind kind,
			@Nullable String officialCode, @Nullable String parentCode, @Nullable String region) {
	}

	/** What the audit log keeps of a merger. */
	record Merger(List<Agency> predecessors, Agency successor, LocalDate effectiveOn) {
	}

	private final AgencyRepository agencies;

	private final Changes changes;

	private final AuditLog audit;

	ReorganisationService(AgencyRepository agencies, Changes changes, AuditLog audit) {
		this.agencies = agencies;
		this.changes = changes;
		this.audit = audit;
	}

	@AnalystWrite
	public Mono<Agency> merge(RecordMergerInput input) {
		String successorCode = Texts.required("successorCode", input.successorCode(), 64);
		String source = Texts.optional("source", input.source(), 2000);
		Set<String> codes = new LinkedHashSet<>();
		for (int i = 0; i < input.predecessors().size(); i++) {
			String code = Texts.required("predecessors[" + i + "]", input.predecessors().get(i), 64);
			if (!codes.add(code)) {
				throw new InvalidInputException("predecessors[" + i + "]", "names " + code + " twice");
			}
			if (code.equals(successorCode)) {
				throw new InvalidInputException("predecessors[" + i + "]",
						"is the successor " + code + "; an agency that absorbs others is not among those that end");
			}
		}
		if (codes.isEmpty()) {
			throw new InvalidInputException("predecessors", "must name at least one agency");
		}
		LocalDate lastDay = input.effectiveOn().minusDays(1);
		Set<String> locked = new LinkedHashSet<>(codes);
		locked.add(successorCode);
		Mono<Agency> write = this.agencies.lockByCodes(locked).collectMap(Agency::code).flatMap((found) -> {
			List<Agency> predecessors = predecessors(codes, found, input.effectiveOn());
			Agency existing = found.get(successorCode);
			Mono<Agency> successor;
			if (input.newSuccessor() != null) {
				if (existing != null) {
					throw new InvalidInputException("successorCode",
							"is taken by " + existing.name() + "; give newSuccessor only for a new agency");
				}
				successor = create(successorCode, input.newSuccessor(), input.effectiveOn(), source);
			}
			else {
				if (existing == null) {
					throw new AgencyNotFoundException(successorCode);
				}
				if (!existing.validOn(input.effectiveOn())) {
					throw new InvalidInputException("successorCode",
							existing.name() + " does not exist on " + input.effectiveOn());
				}
				successor = Mono.just(existing);
			}
			return successor.flatMap((taker) -> this.agencies.end(codes, lastDay, taker.code())
				.then(this.audit.record("recordMerger", "agency", taker.code(), null,
						new Merger(predecessors, taker, input.effectiveOn())))
				.thenReturn(taker));
		});
		// A merger changes agencies, the histories that follow them and the rankings that
		// name them: every cached answer.
		return this.changes.commit(write, (agency) -> new DataChangedEvent(DataChangedEvent.EVERYTHING));
	}

	/**
	 * The agencies that end, each known, in existence the day before the merger, and not
	 * reorganised already.
	 */
	private static List<Agency> predecessors(Set<String> codes, Map<String, Agency> found, LocalDate effectiveOn) {
		List<Agency> predecessors = new ArrayList<>();
		int i = 0;
		for (String code : codes) {
			Agency agency = found.get(code);
			if (agency == null) {
				throw new AgencyNotFoundException(code);
			}
			String field = "predecessors[" + i++ + "]";
			if (agency.validTo() != null || agency.successorCode() != null) {
				throw new InvalidInputException(field,
						agency.name() + " (" + code + ") already ended on " + agency.validTo()
								+ ((agency.successorCode() != null) ? ", succeeded by " + agency.successorCode() : ""));
			}
			if (agency.validFrom() != null && !agency.validFrom().isBefore(effectiveOn)) {
				throw new InvalidInputException(field,
						agency.name() + " (" + code + ") only exists from " + agency.validFrom());
			}
			if (agency.kind() == AgencyKind.NATION) {
				throw new InvalidInputException(field, "is the country, which no merger ends");
			}
			predecessors.add(agency);
		}
		return predecessors;
	}

	private Mono<Agency> create(String code, NewAgencyInput input, LocalDate validFrom, @Nullable String source) {
		if (!code.matches("[A-Z][A-Z0-9-]*")) {
			throw new InvalidInputException("successorCode",
					"must be upper-case letters, digits and -, starting with a letter, was '" + code + "'");
		}
		if (input.kind() == AgencyKind.NATION) {
			throw new InvalidInputException("newSuccessor.kind", "cannot be NATION");
		}
		Agency agency = new Agency(code, Texts.optional("newSuccessor.officialCode", input.officialCode(), 32),
				Texts.required("newSuccessor.name", input.name(), 300),
				Texts.optional("newSuccessor.fullName", input.fullName(), 300),
				Texts.required("newSuccessor.nameEn", input.nameEn(), 300), input.kind(),
				Texts.optional("newSuccessor.parentCode", input.parentCode(), 64),
				Texts.optional("newSuccessor.region", input.region(), 200), validFrom, null, null, null, source);
		Mono<Void> parent = (agency.parentCode() != null) ? this.agencies.findByCode(agency.parentCode())
			.switchIfEmpty(Mono.error(() -> new AgencyNotFoundException(agency.parentCode())))
			.then() : Mono.empty();
		return parent.then(this.agencies.insert(agency)).thenReturn(agency);
	}

}
