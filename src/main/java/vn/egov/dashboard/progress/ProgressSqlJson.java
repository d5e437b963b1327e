package vn.egov.dashboard.progress;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.query.ScrollSubrange;

import vn.egov.dashboard.compiled.JavaFields;
import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJson.NotCompilable;
import vn.egov.dashboard.compiled.SqlJsonType;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.Page;

/**
 * {@code measurements}, {@code indicators}, {@code indicator}, {@code targets},
 * {@code target} and the stored fields of {@code Measurement}, {@code Indicator} and
 * {@code Target} (and {@code Plan.targets}) in SQL, for compiled queries: the rows,
 * filters and order of {@link MeasurementRepository} and {@link TargetRepository}, whose
 * SQL they share. Values are written as PostgreSQL's numerics without trailing zeros
 * ({@code 85} where the ordinary path writes {@code 85.0}). A target's progress is
 * computed in Java ({@link #targetJavaFields}).
 */
@Configuration(proxyBeanMethods = false)
class ProgressSqlJson {

	/** The comparators' stored symbols, and their names in the same order. */
	private static final String[] SYMBOLS = Arrays.stream(TargetComparator.values())
		.map(TargetComparator::symbol)
		.toArray(String[]::new);

	private static final String[] COMPARATORS = Arrays.stream(TargetComparator.values())
		.map(Enum::name)
		.toArray(String[]::new);

	@Bean
	SqlJsonType progressQueries(CursorStrategy<ScrollPosition> cursors) {
		return new SqlJsonType("Query",
				Map.of("measurements", (field, row) -> measurements(field, cursors), "indicators",
						(field, row) -> indicators(field), "indicator",
						(field, row) -> one(field, "Indicator", "indicator", "code",
								field.bind(field.argument("code"), String.class)),
						"targets", (field, row) -> targets(field), "target", (field, row) -> one(field, "Target",
								"target", "id", field.bind(parseId(field.argument("id")), Long.class))));
	}

	/** A measurement: a row of the table measurement. */
	@Bean
	SqlJsonType measurementFields() {
		return new SqlJsonType("Measurement", Map.ofEntries(id(), string("period", "period"), decimal("value", "value"),
				string("source", "source"), string("note", "note"),
				Map.entry("sample", (field, row) -> SqlJson.literal(row + ".sample")),
				Map.entry("recordedAt", (field, row) -> SqlJson.dateTime(row + ".recorded_at")),
				Map.entry("corrected", (field, row) -> SqlJson.literal(row + ".replaced")),
				Map.entry("indicator",
						(field, row) -> one(field, "Indicator", "indicator", "code", row + ".indicator_code")),
				Map.entry("agency", (field, row) -> one(field, "Agency", "agency", "code", row + ".agency_code")),
				Map.entry("corrects",
						(field, row) -> one(field, "Measurement", "measurement", "id", row + ".corrects_id"))));
	}

	/** An indicator: a row of the table indicator. */
	@Bean
	SqlJsonType indicatorFields() {
		return new SqlJsonType("Indicator",
				Map.ofEntries(string("code", "code"), string("name", "name"), string("nameEn", "name_en"),
						string("unit", "unit"), string("direction", "direction"), string("pillar", "pillar"),
						string("description", "description"), Map.entry("targets", (field, row) -> {
							String target = field.alias();
							return SqlJson.list(field.object("Target", target),
									"FROM target " + target + " WHERE " + target + ".indicator_code = " + row + ".code",
									TargetRepository.order(target));
						})));
	}

	/**
	 * A target: a row of the table target. Its source document is compiled once
	 * {@code LegalDocument} has SQL forms (over rows of legal_document).
	 */
	@Bean
	SqlJsonType targetFields() {
		return new SqlJsonType("Target", Map.ofEntries(id(), string("code", "code"), decimal("value", "value"),
				decimal("valueMax", "value_max"), Map.entry("comparator", ProgressSqlJson::comparator),
				string("deadline", "deadline"), decimal("baselineValue", "baseline_value"),
				string("baselineOn", "baseline_on"), string("scope", "scope"), string("block", "block"),
				string("note", "note"),
				Map.entry("indicator",
						(field, row) -> one(field, "Indicator", "indicator", "code", row + ".indicator_code")),
				Map.entry("agency", (field, row) -> one(field, "Agency", "agency", "code", row + ".agency_code")),
				Map.entry("plan", (field, row) -> one(field, "Plan", "plan", "id", row + ".plan_id")),
				Map.entry("sourceDocument", (field, row) -> one(field, "LegalDocument", "legal_document", "id",
						row + ".source_document_id"))));
	}

	/**
	 * A plan's own targets, by id as {@link TargetRepository#findByPlans} orders them.
	 */
	@Bean
	SqlJsonType planTargets() {
		return new SqlJsonType("Plan", Map.of("targets", (field, row) -> {
			String target = field.alias();
			return SqlJson.list(field.object("Target", target),
					"FROM target " + target + " WHERE " + target + ".plan_id = " + row + ".id", target + ".id");
		}));
	}

	@Bean
	JavaFields targetJavaFields() {
		String reason = "computed in Java (ProgressCalculator: the trend's projection and the status rules), "
				+ "for all the targets of a level at once by the progress DataLoader";
		return new JavaFields("Target", Map.of("progress", reason, "summary", reason, "national", reason));
	}

	/**
	 * The connection, paged as {@link MeasurementController#measurements} pages it: the
	 * cursor read by the same strategy and {@code first} checked by {@link Page}. A
	 * request they refuse is left to the ordinary path, which explains why.
	 */
	private static String measurements(SqlJson.Field field, CursorStrategy<ScrollPosition> cursors) {
		Page page;
		LocalDate afterPeriod = null;
		Long afterId = null;
		try {
			String after = (String) field.argument("after");
			page = Page.of(ScrollSubrange.create((after != null) ? cursors.fromCursor(after) : null,
					(Integer) field.argument("first"), true));
			if (page.after() != null) {
				afterPeriod = LocalDate.parse(page.stringKey("period"));
				afterId = page.longKey("id");
			}
		}
		catch (InvalidInputException | DateTimeException ex) {
			throw new NotCompilable();
		}
		String filter = MeasurementRepository.filter(field.bind(field.argument("indicatorCode"), String.class),
				field.bind(field.argument("agencyCode"), String.class),
				field.bind(Boolean.TRUE.equals(field.argument("includeCorrected")), Boolean.class));
		String rows = MeasurementRepository.page("*", filter, field.bind(afterPeriod, LocalDate.class),
				field.bind(afterId, Long.class), field.bind(page.fetchSize(), Integer.class));
		return field.connection("Measurement", new SqlJson.Page(rows, List.of("period", "id"), page.size(),
				"(SELECT count(*) FROM measurement " + filter + ")", true));
	}

	/**
	 * Every indicator, by code as {@link TargetRepository#findIndicators()} reads them.
	 */
	private static String indicators(SqlJson.Field field) {
		String indicator = field.alias();
		return SqlJson.list(field.object("Indicator", indicator), "FROM indicator " + indicator, indicator + ".code");
	}

	/** The targets matching the filter, as {@link TargetRepository#find} reads them. */
	private static String targets(SqlJson.Field field) {
		Map<?, ?> filter = (field.argument("filter") instanceof Map<?, ?> given) ? given : Map.of();
		Object scope = filter.get("scope");
		String target = field.alias();
		String from = TargetRepository.from(target, field.alias(),
				field.bind(filter.get("indicatorCode"), String.class),
				field.bind(filter.get("agencyCode"), String.class),
				field.bind((scope != null) ? scope.toString() : null, String.class));
		return SqlJson.list(field.object("Target", target), from, TargetRepository.order(target));
	}

	/** The comparator's name, from the symbol stored. */
	private static String comparator(SqlJson.Field field, String row) {
		return SqlJson.string("(cast(" + field.bind(COMPARATORS, String[].class) + " AS text[]))[array_position(cast("
				+ field.bind(SYMBOLS, String[].class) + " AS text[]), " + row + ".comparator)]");
	}

	/**
	 * The id argument as {@link Ids#parse} reads it; one it refuses is left to the
	 * ordinary path.
	 */
	private static long parseId(@Nullable Object given) {
		try {
			return Ids.parse("id", (String) given);
		}
		catch (InvalidInputException ex) {
			throw new NotCompilable();
		}
	}

	/**
	 * The object of {@code type} read from the row of {@code table} whose {@code column}
	 * is {@code value}, or null.
	 */
	private static String one(SqlJson.Field field, String type, String table, String column, String value) {
		String alias = field.alias();
		return "(SELECT " + field.object(type, alias) + " FROM " + table + " " + alias + " WHERE " + alias + "."
				+ column + " = " + value + ")";
	}

	private static Map.Entry<String, SqlJsonType.FieldSql> id() {
		return Map.entry("id", (field, row) -> SqlJson.string(row + ".id::text"));
	}

	private static Map.Entry<String, SqlJsonType.FieldSql> string(String name, String column) {
		return Map.entry(name, (field, row) -> SqlJson.string(row + "." + column));
	}

	/**
	 * A Float field: the row's numeric column, written as the ordinary path writes it.
	 */
	private static Map.Entry<String, SqlJsonType.FieldSql> decimal(String name, String column) {
		return Map.entry(name, (field, row) -> SqlJson.decimal(row + "." + column));
	}

}
