package vn.egov.dashboard.progress;

import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.NotFoundException;
import vn.egov.dashboard.graphql.Texts;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.progress.TargetInputs.CreateIndicatorInput;
import vn.egov.dashboard.progress.TargetInputs.UpdateIndicatorInput;
import vn.egov.dashboard.security.AnalystWrite;
import vn.egov.dashboard.security.AuditLog;
import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Every write to indicators: defining one, and correcting its names and description. Its
 * unit and direction never change once defined, since its values and targets are
 * expressed in them: define a new indicator instead.
 */
@Service
public class IndicatorService {

	private final TargetRepository targets;

	private final Changes changes;

	private final AuditLog audit;

	IndicatorService(TargetRepository targets, Changes changes, AuditLog audit) {
		this.targets = targets;
		this.changes = changes;
		this.audit = audit;
	}

	@AnalystWrite
	public Mono<Indicator> create(CreateIndicatorInput input) {
		String code = Texts.required("code", input.code(), 64);
		if (!code.matches("[A-Z][A-Z0-9_]*")) {
			throw new InvalidInputException("code",
					"must be upper-case letters, digits and _, starting with a letter, was '" + code + "'");
		}
		boolean rank = input.unit() == Unit.RANK;
		if (rank != (input.direction() == Direction.LOWER_IS_BETTER)) {
			throw new InvalidInputException("direction",
					"must be LOWER_IS_BETTER for a RANK, and HIGHER_IS_BETTER for every other unit");
		}
		Indicator indicator = new Indicator(code, Texts.required("name", input.name(), 500),
				Texts.required("nameEn", input.nameEn(), 500), input.unit(), input.direction(),
				Texts.optional("pillar", input.pillar(), 64), Texts.optional("description", input.description(), 4000));
		Mono<Indicator> insert = this.targets.insertIndicator(indicator)
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> new InvalidInputException("code", "'" + code + "' is taken by another indicator"))
			.flatMap((created) -> this.audit.record("createIndicator", "indicator", code, null, created)
				.thenReturn(created));
		return this.changes.commit(insert, IndicatorService::changed);
	}

	@AnalystWrite
	public Mono<Indicator> update(UpdateIndicatorInput input) {
		String code = Texts.required("code", input.code(), 64);
		String name = Texts.optional("name", input.name(), 500);
		String nameEn = Texts.optional("nameEn", input.nameEn(), 500);
		String pillar = Texts.optional("pillar", input.pillar(), 64);
		String description = Texts.optional("description", input.description(), 4000);
		Mono<Indicator> update = this.targets.lockIndicator(code)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No indicator with code '" + code + "'")))
			.flatMap((old) -> this.targets
				.updateIndicator(new Indicator(code, Objects.requireNonNullElse(name, old.name()),
						Objects.requireNonNullElse(nameEn, old.nameEn()), old.unit(), old.direction(),
						(pillar != null) ? pillar : old.pillar(),
						(description != null) ? description : old.description()))
				.flatMap((saved) -> this.audit.record("updateIndicator", "indicator", code, old, saved)
					.thenReturn(saved)));
		return this.changes.commit(update, IndicatorService::changed);
	}

	/** Indicators are read with their targets: the same cached answers. */
	static DataChangedEvent changed(Indicator indicator) {
		return DataChangedEvent.of("target", indicator.code());
	}

}
