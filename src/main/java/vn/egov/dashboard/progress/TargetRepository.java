package vn.egov.dashboard.progress;

import java.time.LocalDate;
import java.util.Collection;
import java.util.function.BiFunction;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import vn.egov.dashboard.agency.AgencyKind;
import vn.egov.dashboard.system.Binds;

/**
 * Reads indicators, targets and the value series that progress is computed from.
 */
@Repository
class TargetRepository {

	private static final String INDICATOR_COLUMNS = "code, name, name_en, unit, direction, pillar, description";

	private static final String TARGET_COLUMNS = """
			t.id, t.code, t.indicator_code, t.value, t.value_max, t.comparator, t.deadline, t.baseline_value, t.baseline_on, t.scope,
			t.block, t.agency_code, t.source_document_id, t.plan_id, t.note""";

	/** Targets that apply to an agency: its own, and those of its plans. */
	private static final String FIND = "SELECT " + TARGET_COLUMNS + """
			 FROM target t LEFT JOIN plan p ON p.id = t.plan_id
			WHERE (cast(:indicatorCode AS text) IS NULL OR t.indicator_code = :indicatorCode)
			  AND (cast(:agencyCode AS text) IS NULL OR t.agency_code = :agencyCode OR p.agency_code = :agencyCode)
			  AND (cast(:scope AS text) IS NULL OR t.scope = :scope)
			ORDER BY t.deadline, t.id
			""";

	/**
	 * The value in force for each indicator × agency × period, up to a date, oldest
	 * first; without the generated ones if asked.
	 */
	private static final String SERIES = """
			SELECT m.id, m.indicator_code, m.agency_code, a.kind, m.period, m.value, m.sample
			  FROM measurement m JOIN agency a ON a.code = m.agency_code
			 WHERE NOT m.replaced AND m.indicator_code = ANY (:codes) AND m.period <= :asOf
			   AND NOT (m.sample AND :publishedOnly)
			 ORDER BY m.indicator_code, m.agency_code, m.period
			""";

	private final DatabaseClient db;

	TargetRepository(DatabaseClient db) {
		this.db = db;
	}

	Flux<Indicator> findIndicators() {
		return this.db.sql("SELECT " + INDICATOR_COLUMNS + " FROM indicator ORDER BY code").map(INDICATOR).all();
	}

	Flux<Indicator> findIndicators(Collection<String> codes) {
		return this.db.sql("SELECT " + INDICATOR_COLUMNS + " FROM indicator WHERE code = ANY (:codes)")
			.bind("codes", codes.toArray(String[]::new))
			.map(INDICATOR)
			.all();
	}

	Flux<Target> find(@Nullable String indicatorCode, @Nullable String agencyCode, @Nullable TargetScope scope) {
		var spec = Binds.orNull(this.db.sql(FIND), "indicatorCode", indicatorCode, String.class);
		spec = Binds.orNull(spec, "agencyCode", agencyCode, String.class);
		spec = Binds.orNull(spec, "scope", (scope != null) ? scope.name() : null, String.class);
		return spec.map(TARGET).all();
	}

	Mono<Target> findById(long id) {
		return this.db.sql("SELECT " + TARGET_COLUMNS + " FROM target t WHERE t.id = :id")
			.bind("id", id)
			.map(TARGET)
			.one();
	}

	Flux<Target> findByIndicators(Collection<String> codes) {
		return this.db
			.sql("SELECT " + TARGET_COLUMNS
					+ " FROM target t WHERE t.indicator_code = ANY (:codes) ORDER BY t.deadline, t.id")
			.bind("codes", codes.toArray(String[]::new))
			.map(TARGET)
			.all();
	}

	Flux<Target> findByPlans(Collection<Long> planIds) {
		return this.db.sql("SELECT " + TARGET_COLUMNS + " FROM target t WHERE t.plan_id = ANY (:ids) ORDER BY t.id")
			.bind("ids", planIds.toArray(Long[]::new))
			.map(TARGET)
			.all();
	}

	/**
	 * A value of an indicator for an agency, with the agency's kind for block targets.
	 */
	record SeriesRow(long measurementId, String indicatorCode, String agencyCode, AgencyKind agencyKind,
			LocalDate period, double value, boolean sample) {
	}

	Flux<SeriesRow> findSeries(Collection<String> indicatorCodes, LocalDate asOf, boolean publishedOnly) {
		return this.db.sql(SERIES)
			.bind("codes", indicatorCodes.toArray(String[]::new))
			.bind("asOf", asOf)
			.bind("publishedOnly", publishedOnly)
			.map((row, meta) -> new SeriesRow(row.get("id", Long.class), row.get("indicator_code", String.class),
					row.get("agency_code", String.class), AgencyKind.valueOf(row.get("kind", String.class)),
					row.get("period", LocalDate.class), decimal(row, "value"),
					Boolean.TRUE.equals(row.get("sample", Boolean.class))))
			.all();
	}

	static double decimal(Row row, String column) {
		return row.get(column, java.math.BigDecimal.class).doubleValue();
	}

	static @Nullable Double optionalDecimal(Row row, String column) {
		java.math.BigDecimal value = row.get(column, java.math.BigDecimal.class);
		return (value != null) ? value.doubleValue() : null;
	}

	static final BiFunction<Row, RowMetadata, Indicator> INDICATOR = (row, meta) -> new Indicator(
			row.get("code", String.class), row.get("name", String.class), row.get("name_en", String.class),
			Unit.valueOf(row.get("unit", String.class)), Direction.valueOf(row.get("direction", String.class)),
			row.get("pillar", String.class), row.get("description", String.class));

	static final BiFunction<Row, RowMetadata, Target> TARGET = (row, meta) -> new Target(row.get("id", Long.class),
			row.get("code", String.class), row.get("indicator_code", String.class), decimal(row, "value"),
			optionalDecimal(row, "value_max"), TargetComparator.ofSymbol(row.get("comparator", String.class)),
			row.get("deadline", LocalDate.class), optionalDecimal(row, "baseline_value"),
			row.get("baseline_on", LocalDate.class), TargetScope.valueOf(row.get("scope", String.class)),
			row.get("block", String.class), row.get("agency_code", String.class),
			row.get("source_document_id", Long.class), row.get("plan_id", Long.class), row.get("note", String.class));

}
