package vn.egov.dashboard.progress;

import java.time.Clock;
import java.time.LocalDate;

import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.agency.AgencyNotFoundException;
import vn.egov.dashboard.agency.AgencyRepository;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.NotFoundException;
import vn.egov.dashboard.graphql.Texts;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.security.Access;
import vn.egov.dashboard.security.AgencyWrite;
import vn.egov.dashboard.security.AuditLog;
import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Every write to measurements: recording a value and correcting one. Each request is
 * checked in full before anything is written; a correction replaces the old value in the
 * same transaction, which also announces the change of that indicator and agency
 * ({@link DataChangedEvent} {@code measurement}, key {@code INDICATOR/AGENCY}).
 */
@Service
public class MeasurementService {

	/** Input of {@code recordMeasurement}. */
	record RecordMeasurementInput(String indicatorCode, String agencyCode, LocalDate period, double value,
			String source) {
	}

	/** Input of {@code correctMeasurement}. */
	record CorrectMeasurementInput(String id, double value, String source) {
	}

	private final MeasurementRepository measurements;

	private final TargetRepository targets;

	private final AgencyRepository agencies;

	private final Clock clock;

	private final Changes changes;

	private final AuditLog audit;

	MeasurementService(MeasurementRepository measurements, TargetRepository targets, AgencyRepository agencies,
			Clock clock, Changes changes, AuditLog audit) {
		this.audit = audit;
		this.measurements = measurements;
		this.targets = targets;
		this.agencies = agencies;
		this.clock = clock;
		this.changes = changes;
	}

	/**
	 * The change a write of {@code measurement} makes: key {@code INDICATOR/AGENCY}, as
	 * progress subscriptions read it.
	 */
	static DataChangedEvent changed(Measurement measurement) {
		return DataChangedEvent.of("measurement", key(measurement.indicatorCode(), measurement.agencyCode()));
	}

	static String key(String indicatorCode, String agencyCode) {
		return indicatorCode + "/" + agencyCode;
	}

	@AgencyWrite
	public Mono<Measurement> record(RecordMeasurementInput input) {
		String source = Texts.required("source", input.source(), 500);
		if (input.period().isAfter(LocalDate.now(this.clock))) {
			throw new InvalidInputException("period", "must not be in the future, was " + input.period());
		}
		Mono<Measurement> insert = indicator(input.indicatorCode())
			.doOnNext((indicator) -> checkValue(indicator, input.value()))
			.then(this.agencies.findByCode(input.agencyCode()))
			.switchIfEmpty(Mono.error(() -> new AgencyNotFoundException(input.agencyCode())))
			.doOnNext((agency) -> checkExisted(agency, input.period()))
			.flatMap((agency) -> Access.requireAgency(agency.code())
				.then(this.measurements.insert(input.indicatorCode(), agency.code(), input.period(), input.value(),
						source, null)))
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> new InvalidInputException("period",
							"already has a value for this agency and indicator; correct it with correctMeasurement"))
			.flatMap((recorded) -> this.audit.record("recordMeasurement", "measurement", recorded.id(), null, recorded)
				.thenReturn(recorded));
		return this.changes.commit(insert, MeasurementService::changed);
	}

	@AgencyWrite
	public Mono<Measurement> correct(CorrectMeasurementInput input) {
		long id = Ids.parse("id", input.id());
		String source = Texts.required("source", input.source(), 500);
		Mono<Measurement> replace = this.measurements.findById(id)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No measurement with id '" + input.id() + "'")))
			.flatMap((old) -> indicator(old.indicatorCode())
				.doOnNext((indicator) -> checkValue(indicator, input.value()))
				.then(Access.requireAgency(old.agencyCode()))
				.then(this.measurements.markReplaced(id))
				.switchIfEmpty(Mono.error(() -> new InvalidInputException("id",
						"names a value that a correction already replaced; correct the newer value")))
				.flatMap((replaced) -> this.measurements.insert(replaced.indicatorCode(), replaced.agencyCode(),
						replaced.period(), input.value(), source, replaced.id()))
				.flatMap((corrected) -> this.audit
					.record("correctMeasurement", "measurement", corrected.id(), old, corrected)
					.thenReturn(corrected)));
		return this.changes.commit(replace, MeasurementService::changed);
	}

	private Mono<Indicator> indicator(String code) {
		return this.targets.findIndicators(java.util.List.of(code))
			.next()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No indicator with code '" + code + "'")));
	}

	static void checkValue(Indicator indicator, double value) {
		if (!Double.isFinite(value)) {
			throw new InvalidInputException("value", "must be a finite number");
		}
		switch (indicator.unit()) {
			case PERCENT -> {
				if (value < 0 || value > 100) {
					throw new InvalidInputException("value", "is a percentage and must lie in 0–100, was " + value);
				}
			}
			case RANK -> {
				if (value < 1 || value != Math.rint(value)) {
					throw new InvalidInputException("value",
							"is a rank and must be a whole number from 1, was " + value);
				}
			}
			case COUNT -> {
				if (value < 0 || value != Math.rint(value)) {
					throw new InvalidInputException("value",
							"is a count and must be a whole number from 0, was " + value);
				}
			}
			case SCORE, RANK_PLACES -> {
			}
		}
	}

	private static void checkExisted(Agency agency, LocalDate period) {
		if (!agency.validOn(period)) {
			throw new InvalidInputException("period", agency.name() + " did not exist on " + period
					+ ((agency.successorCode() != null) ? "; report for its successor " + agency.successorCode() : ""));
		}
	}

}
