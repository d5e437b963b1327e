package vn.egov.dashboard.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.function.BiFunction;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
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

	private static final String FIND = "SELECT " + TARGET_COLUMNS + " "
			+ from("t", "p", ":indicatorCode", ":agencyCode", ":scope") + " ORDER BY " + order("t");

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

	/**
	 * The FROM and WHERE of the targets matching a {@code TargetFilter} (each argument a
	 * placeholder or bound parameter, null for none), {@code target} the alias of the
	 * target rows and {@code plan} that of their plans: targets that apply to an agency
	 * are its own, and those of its plans.
	 */
	static String from(String target, String plan, String indicatorCode, String agencyCode, String scope) {
		return """
				FROM target %1$s LEFT JOIN plan %2$s ON %2$s.id = %1$s.plan_id
				WHERE (cast(%3$s AS text) IS NULL OR %1$s.indicator_code = %3$s)
				  AND (cast(%4$s AS text) IS NULL OR %1$s.agency_code = %4$s OR %2$s.agency_code = %4$s)
				  AND (cast(%5$s AS text) IS NULL OR %1$s.scope = %5$s)""".formatted(target, plan, indicatorCode,
				agencyCode, scope);
	}

	/** The order of targets in every list of them but a plan's: by deadline. */
	static String order(String target) {
		return target + ".deadline, " + target + ".id";
	}

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
			.sql("SELECT " + TARGET_COLUMNS + " FROM target t WHERE t.indicator_code = ANY (:codes) ORDER BY "
					+ order("t"))
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

	Mono<Indicator> insertIndicator(Indicator indicator) {
		return bindIndicator(this.db.sql("""
				INSERT INTO indicator (code, name, name_en, unit, direction, pillar, description)
				VALUES (:code, :name, :nameEn, :unit, :direction, :pillar, :description)
				RETURNING """ + " " + INDICATOR_COLUMNS), indicator).map(INDICATOR).one();
	}

	Mono<Indicator> lockIndicator(String code) {
		return this.db.sql("SELECT " + INDICATOR_COLUMNS + " FROM indicator WHERE code = :code FOR UPDATE")
			.bind("code", code)
			.map(INDICATOR)
			.one();
	}

	Mono<Indicator> updateIndicator(Indicator indicator) {
		return bindIndicator(this.db.sql("""
				UPDATE indicator
				   SET name = :name, name_en = :nameEn, unit = :unit, direction = :direction, pillar = :pillar,
				       description = :description
				 WHERE code = :code
				RETURNING """ + " " + INDICATOR_COLUMNS), indicator).map(INDICATOR).one();
	}

	private static GenericExecuteSpec bindIndicator(GenericExecuteSpec spec, Indicator indicator) {
		spec = spec.bind("code", indicator.code())
			.bind("name", indicator.name())
			.bind("nameEn", indicator.nameEn())
			.bind("unit", indicator.unit().name())
			.bind("direction", indicator.direction().name());
		spec = Binds.orNull(spec, "pillar", indicator.pillar(), String.class);
		return Binds.orNull(spec, "description", indicator.description(), String.class);
	}

	Mono<Target> lockTarget(long id) {
		return this.db.sql("SELECT " + TARGET_COLUMNS + " FROM target t WHERE t.id = :id FOR UPDATE")
			.bind("id", id)
			.map(TARGET)
			.one();
	}

	Mono<Target> insertTarget(Target target) {
		return bindTarget(this.db.sql("""
				INSERT INTO target AS t (code, indicator_code, value, value_max, comparator, deadline, baseline_value,
				                         baseline_on, scope, block, agency_code, source_document_id, plan_id, note)
				VALUES (:code, :indicatorCode, :value, :valueMax, :comparator, :deadline, :baselineValue,
				        :baselineOn, :scope, :block, :agencyCode, :sourceDocumentId, :planId, :note)
				RETURNING """ + " " + TARGET_COLUMNS), target).map(TARGET).one();
	}

	/**
	 * Writes what a correction may change: values, dates, comparator, source document,
	 * note.
	 */
	Mono<Target> updateTarget(Target target) {
		return bindTarget(this.db.sql("""
				UPDATE target AS t
				   SET value = :value, value_max = :valueMax, comparator = :comparator, deadline = :deadline,
				       baseline_value = :baselineValue, baseline_on = :baselineOn,
				       source_document_id = :sourceDocumentId, note = :note
				 WHERE t.id = :id AND t.code IS NOT DISTINCT FROM :code AND t.indicator_code = :indicatorCode
				   AND t.scope = :scope AND t.block IS NOT DISTINCT FROM :block
				   AND t.agency_code IS NOT DISTINCT FROM :agencyCode AND t.plan_id IS NOT DISTINCT FROM :planId
				RETURNING """ + " " + TARGET_COLUMNS).bind("id", target.id()), target).map(TARGET).one();
	}

	private static GenericExecuteSpec bindTarget(GenericExecuteSpec spec, Target target) {
		spec = spec.bind("indicatorCode", target.indicatorCode())
			.bind("value", BigDecimal.valueOf(target.value()))
			.bind("comparator", target.comparator().symbol())
			.bind("deadline", target.deadline())
			.bind("scope", target.scope().name());
		spec = Binds.orNull(spec, "code", target.code(), String.class);
		spec = Binds.orNull(spec, "valueMax",
				(target.valueMax() != null) ? BigDecimal.valueOf(target.valueMax()) : null, BigDecimal.class);
		spec = Binds.orNull(spec, "baselineValue",
				(target.baselineValue() != null) ? BigDecimal.valueOf(target.baselineValue()) : null, BigDecimal.class);
		spec = Binds.orNull(spec, "baselineOn", target.baselineOn(), LocalDate.class);
		spec = Binds.orNull(spec, "block", target.block(), String.class);
		spec = Binds.orNull(spec, "agencyCode", target.agencyCode(), String.class);
		spec = Binds.orNull(spec, "sourceDocumentId", target.sourceDocumentId(), Long.class);
		spec = Binds.orNull(spec, "planId", target.planId(), Long.class);
		return Binds.orNull(spec, "note", target.note(), String.class);
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
		return row.get(column, BigDecimal.class).doubleValue();
	}

	static @Nullable Double optionalDecimal(Row row, String column) {
		BigDecimal value = row.get(column, BigDecimal.class);
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
