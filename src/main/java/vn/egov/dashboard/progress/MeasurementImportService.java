package vn.egov.dashboard.progress;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.agency.AgencyRepository;
import vn.egov.dashboard.csv.CsvFile;
import vn.egov.dashboard.csv.CsvFile.Line;
import vn.egov.dashboard.csv.CsvFile.Parsed;
import vn.egov.dashboard.csv.ImportProblem;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.progress.MeasurementLines.Row;
import vn.egov.dashboard.security.AnalystWrite;
import vn.egov.dashboard.security.AuditLog;
import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Imports measurements from CSV (the GraphQL mutation, the HTTP upload and the command
 * line all come here): every line is checked before anything is written, and all are
 * written in one transaction or none. A line for an indicator, agency and period that
 * already has a value corrects it, as {@code correctMeasurement} does (the old value is
 * kept, marked corrected); a line that repeats the value, source and note is left alone.
 */
@Service
public class MeasurementImportService {

	private final MeasurementRepository measurements;

	private final TargetRepository targets;

	private final AgencyRepository agencies;

	private final Clock clock;

	private final Changes changes;

	private final AuditLog audit;

	MeasurementImportService(MeasurementRepository measurements, TargetRepository targets, AgencyRepository agencies,
			Clock clock, Changes changes, AuditLog audit) {
		this.measurements = measurements;
		this.targets = targets;
		this.agencies = agencies;
		this.clock = clock;
		this.changes = changes;
		this.audit = audit;
	}

	/**
	 * Writes every line of {@code csv}, or nothing and every problem; with
	 * {@code validateOnly}, checks everything and writes nothing.
	 */
	@AnalystWrite
	public Mono<MeasurementImportResult> importCsv(String csv, boolean validateOnly) {
		Parsed parsed = CsvFile.parse(csv, MeasurementLines.COLUMNS);
		Mono<MeasurementImportResult> write = Mono
			.zip(codes(parsed.lines(), MeasurementLines.INDICATOR, this.targets::findIndicators, Indicator::code),
					codes(parsed.lines(), MeasurementLines.AGENCY, this.agencies::findByCodes, Agency::code))
			.flatMap((known) -> {
				MeasurementLines.Checked checked = MeasurementLines.check(parsed.lines(), known.getT1(), known.getT2(),
						LocalDate.now(this.clock));
				List<ImportProblem> errors = Stream.concat(parsed.problems().stream(), checked.errors().stream())
					.sorted(Comparator.comparingInt(ImportProblem::line))
					.toList();
				if (errors.isEmpty() && checked.rows().isEmpty()) {
					errors = List.of(new ImportProblem(1, null, "the file has a header but no measurements"));
				}
				if (!errors.isEmpty()) {
					return Mono.just(MeasurementImportResult.rejected(validateOnly, parsed.linesRead(), errors));
				}
				return write(checked.rows(), parsed.linesRead(), validateOnly);
			});
		// Any measurement may have changed: imports are rare, and may name thousands of
		// series.
		return this.changes.commit(write, (result) -> result.imported() ? new DataChangedEvent("measurement") : null);
	}

	private Mono<MeasurementImportResult> write(List<Row> rows, int rowsRead, boolean validateOnly) {
		return this.measurements.lockCurrent(rows)
			.collectMap((m) -> MeasurementLines.key(m.indicatorCode(), m.agencyCode(), m.period()))
			.flatMap((current) -> {
				List<Row> recorded = new ArrayList<>();
				List<Row> corrections = new ArrayList<>();
				List<Long> corrected = new ArrayList<>();
				for (Row row : rows) {
					Measurement old = current.get(row.key());
					if (old == null) {
						recorded.add(row);
					}
					else if (old.value() != row.value().doubleValue() || !old.source().equals(row.source())
							|| !Objects.equals(old.note(), row.note())) {
						corrections.add(row);
						corrected.add(old.id());
					}
				}
				int unchanged = rows.size() - recorded.size() - corrections.size();
				MeasurementImportResult result = new MeasurementImportResult(validateOnly, !validateOnly, rowsRead,
						recorded.size(), corrections.size(), unchanged, List.of());
				if (validateOnly || recorded.size() + corrections.size() == 0) {
					return Mono.just(result);
				}
				return this.measurements.markReplaced(corrected)
					.then(this.measurements.insertAll(recorded, List.of()))
					.then(this.measurements.insertAll(corrections, corrected))
					.onErrorMap(DuplicateKeyException.class, (ex) -> new InvalidInputException("csv",
							"another write recorded some of these values meanwhile; nothing was imported, import again"))
					.then(this.audit.record("importMeasurements", "measurement", null, Map.of("corrected", corrected),
							Map.of("recorded", recorded.size(), "corrected", corrections.size(), "unchanged", unchanged,
									"rowsRead", rowsRead)))
					.thenReturn(result);
			});
	}

	/** What the lines name in {@code column}, found by code. */
	private static <T> Mono<Map<String, T>> codes(List<Line> lines, String column, Function<Set<String>, Flux<T>> find,
			Function<T, String> code) {
		Set<String> codes = new HashSet<>();
		lines.stream().map((line) -> line.get(column)).filter(Objects::nonNull).forEach(codes::add);
		return find.apply(codes).collectMap(code);
	}

}
