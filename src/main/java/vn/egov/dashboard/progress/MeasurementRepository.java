package vn.egov.dashboard.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.system.Binds;

/**
 * Reads and writes measurements. Writes go through {@link MeasurementService}.
 */
@Repository
class MeasurementRepository {

	private static final String COLUMNS = "id, indicator_code, agency_code, period, value, source, note, sample, corrects_id, replaced, recorded_at";

	private static final String FILTER = filter(":indicatorCode", ":agencyCode", ":includeReplaced");

	private static final String FIND_PAGE = page(COLUMNS, FILTER, ":afterPeriod", ":afterId", ":limit");

	private static final String INSERT = """
			INSERT INTO measurement (indicator_code, agency_code, period, value, source, corrects_id)
			VALUES (:indicatorCode, :agencyCode, :period, :value, :source, :correctsId)
			RETURNING """ + " " + COLUMNS;

	/** Marks a value replaced, only if no other correction got there first. */
	private static final String REPLACE = "UPDATE measurement SET replaced = true WHERE id = :id AND NOT replaced RETURNING "
			+ COLUMNS;

	private final DatabaseClient db;

	MeasurementRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<Measurement> findById(long id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM measurement WHERE id = :id").bind("id", id).map(MAPPER).one();
	}

	Flux<Measurement> findByIds(Collection<Long> ids) {
		return this.db.sql("SELECT " + COLUMNS + " FROM measurement WHERE id = ANY (:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.map(MAPPER)
			.all();
	}

	Flux<Measurement> find(String indicatorCode, @Nullable String agencyCode, boolean includeReplaced, Page page) {
		GenericExecuteSpec spec = filter(this.db.sql(FIND_PAGE), indicatorCode, agencyCode, includeReplaced)
			.bind("limit", page.fetchSize());
		if (page.after() != null) {
			spec = spec.bind("afterPeriod", LocalDate.parse(page.stringKey("period")))
				.bind("afterId", page.longKey("id"));
		}
		else {
			spec = spec.bindNull("afterPeriod", LocalDate.class).bindNull("afterId", Long.class);
		}
		return spec.map(MAPPER).all();
	}

	Mono<Long> count(String indicatorCode, @Nullable String agencyCode, boolean includeReplaced) {
		return filter(this.db.sql("SELECT count(*) FROM measurement " + FILTER), indicatorCode, agencyCode,
				includeReplaced)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	Mono<Measurement> insert(String indicatorCode, String agencyCode, LocalDate period, double value, String source,
			@Nullable Long correctsId) {
		GenericExecuteSpec spec = this.db.sql(INSERT)
			.bind("indicatorCode", indicatorCode)
			.bind("agencyCode", agencyCode)
			.bind("period", period)
			.bind("value", BigDecimal.valueOf(value))
			.bind("source", source);
		return Binds.orNull(spec, "correctsId", correctsId, Long.class).map(MAPPER).one();
	}

	/**
	 * The values in force for the rows' indicators, agencies and periods, locked until
	 * the transaction ends.
	 */
	Flux<Measurement> lockCurrent(List<MeasurementLines.Row> rows) {
		return this.db.sql("SELECT " + COLUMNS + """
				 FROM measurement
				WHERE NOT replaced
				  AND (indicator_code, agency_code, period) IN (SELECT * FROM unnest(:indicators, :agencies, :periods))
				FOR UPDATE""")
			.bind("indicators", rows.stream().map(MeasurementLines.Row::indicatorCode).toArray(String[]::new))
			.bind("agencies", rows.stream().map(MeasurementLines.Row::agencyCode).toArray(String[]::new))
			.bind("periods", rows.stream().map(MeasurementLines.Row::period).toArray(LocalDate[]::new))
			.map(MAPPER)
			.all();
	}

	/**
	 * Writes the rows with one statement; {@code corrects} names the measurement each row
	 * corrects, in the same order, or is empty when they correct none.
	 */
	Mono<Long> insertAll(List<MeasurementLines.Row> rows, List<Long> corrects) {
		if (rows.isEmpty()) {
			return Mono.just(0L);
		}
		Long[] correctsIds = corrects.isEmpty() ? new Long[rows.size()] : corrects.toArray(Long[]::new);
		return this.db.sql("""
				INSERT INTO measurement (indicator_code, agency_code, period, value, source, note, corrects_id)
				SELECT * FROM unnest(:indicators, :agencies, :periods, :values, :sources, :notes, :corrects)""")
			.bind("indicators", rows.stream().map(MeasurementLines.Row::indicatorCode).toArray(String[]::new))
			.bind("agencies", rows.stream().map(MeasurementLines.Row::agencyCode).toArray(String[]::new))
			.bind("periods", rows.stream().map(MeasurementLines.Row::period).toArray(LocalDate[]::new))
			.bind("values", rows.stream().map(MeasurementLines.Row::value).toArray(BigDecimal[]::new))
			.bind("sources", rows.stream().map(MeasurementLines.Row::source).toArray(String[]::new))
			.bind("notes", rows.stream().map(MeasurementLines.Row::note).toArray(String[]::new))
			.bind("corrects", correctsIds)
			.fetch()
			.rowsUpdated();
	}

	/** Marks values replaced by the corrections about to be written. */
	Mono<Long> markReplaced(List<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db.sql("UPDATE measurement SET replaced = true WHERE id = ANY (:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.fetch()
			.rowsUpdated();
	}

	/** The replaced measurement, or empty if it was already replaced. */
	Mono<Measurement> markReplaced(long id) {
		return this.db.sql(REPLACE).bind("id", id).map(MAPPER).one();
	}

	/**
	 * The WHERE clause of an indicator's measurements, of one agency if named, the
	 * replaced ones only if asked: with the placeholders (or bound parameters) given.
	 */
	static String filter(String indicatorCode, String agencyCode, String includeReplaced) {
		return """
				WHERE indicator_code = %1$s
				  AND (cast(%2$s AS text) IS NULL OR agency_code = %2$s)
				  AND (cast(%3$s AS boolean) OR NOT replaced)
				""".formatted(indicatorCode, agencyCode, includeReplaced);
	}

	/**
	 * The rows of a page of measurements matching {@code filter}, newest period first,
	 * after the row ({@code afterPeriod}, {@code afterId}) when the first is not null.
	 */
	static String page(String columns, String filter, String afterPeriod, String afterId, String limit) {
		return "SELECT " + columns + " FROM measurement " + filter + """
				  AND (cast(%1$s AS date) IS NULL OR (period, id) < (%1$s, %2$s))
				ORDER BY period DESC, id DESC
				LIMIT %3$s
				""".formatted(afterPeriod, afterId, limit);
	}

	private static GenericExecuteSpec filter(GenericExecuteSpec spec, String indicatorCode, @Nullable String agencyCode,
			boolean includeReplaced) {
		return Binds.orNull(spec.bind("indicatorCode", indicatorCode).bind("includeReplaced", includeReplaced),
				"agencyCode", agencyCode, String.class);
	}

	private static final BiFunction<Row, RowMetadata, Measurement> MAPPER = (row, meta) -> new Measurement(
			row.get("id", Long.class), row.get("indicator_code", String.class), row.get("agency_code", String.class),
			row.get("period", LocalDate.class), TargetRepository.decimal(row, "value"), row.get("source", String.class),
			row.get("note", String.class), Boolean.TRUE.equals(row.get("sample", Boolean.class)),
			row.get("corrects_id", Long.class), Boolean.TRUE.equals(row.get("replaced", Boolean.class)),
			row.get("recorded_at", OffsetDateTime.class));

}
