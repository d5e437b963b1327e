package vn.egov.dashboard.progress;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;

import vn.egov.dashboard.compiled.JavaFields;
import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJsonType;
import vn.egov.dashboard.graphql.Page;

import static vn.egov.dashboard.compiled.SqlJsonType.column;
import static vn.egov.dashboard.compiled.SqlJsonType.dateTime;
import static vn.egov.dashboard.compiled.SqlJsonType.decimal;
import static vn.egov.dashboard.compiled.SqlJsonType.literal;

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
		return new SqlJsonType("Query", Map.of("measurements", (field, row) -> measurements(field, cursors),
				"indicators", (field, row) -> indicators(field), "indicator",
				(field, row) -> field.one("Indicator", "indicator", "code",
						field.bind(field.argument("code"), String.class)),
				"targets", (field, row) -> targets(field), "target",
				(field, row) -> field.one("Target", "target", "id", field.bind(field.id("id"), Long.class))),
				Map.of("measurements", Set.of("indicatorCode", "agencyCode", "includeCorrected", "first", "after"),
						"indicator", Set.of("code"), "targets", Set.of("filter"), "target", Set.of("id")));
	}

	/** A measurement: a row of the table measurement. */
	@Bean
	SqlJsonType measurementFields() {
		return new SqlJsonType("Measurement", Map.ofEntries(column("id", "id::text"), column("period", "period"),
				decimal("value", "value"), column("source", "source"), column("note", "note"),
				literal("sample", "sample"), dateTime("recordedAt", "recorded_at"), literal("corrected", "replaced"),
				Map.entry("indicator",
						(field, row) -> field.one("Indicator", "indicator", "code", row + ".indicator_code")),
				Map.entry("agency", (field, row) -> field.one("Agency", "agency", "code", row + ".agency_code")),
				Map.entry("corrects",
						(field, row) -> field.one("Measurement", "measurement", "id", row + ".corrects_id"))));
	}

	/** An indicator: a row of the table indicator. */
	@Bean
	SqlJsonType indicatorFields() {
		return new SqlJsonType("Indicator",
				Map.ofEntries(column("code", "code"), column("name", "name"), column("nameEn", "name_en"),
						column("unit", "unit"), column("direction", "direction"), column("pillar", "pillar"),
						column("description", "description"), Map.entry("targets", (field, row) -> {
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
		return new SqlJsonType("Target", Map.ofEntries(column("id", "id::text"), column("code", "code"),
				decimal("value", "value"), decimal("valueMax", "value_max"),
				Map.entry("comparator", ProgressSqlJson::comparator), column("deadline", "deadline"),
				decimal("baselineValue", "baseline_value"), column("baselineOn", "baseline_on"),
				column("scope", "scope"), column("block", "block"), column("note", "note"),
				Map.entry("indicator",
						(field, row) -> field.one("Indicator", "indicator", "code", row + ".indicator_code")),
				Map.entry("agency", (field, row) -> field.one("Agency", "agency", "code", row + ".agency_code")),
				Map.entry("plan", (field, row) -> field.one("Plan", "plan", "id", row + ".plan_id")),
				Map.entry("sourceDocument", (field, row) -> field.one("LegalDocument", "legal_document", "id",
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
		Page page = field.page(cursors);
		LocalDate afterPeriod = field.afterKey(page, (p) -> LocalDate.parse(p.stringKey("period")));
		Long afterId = field.afterKey(page, (p) -> p.longKey("id"));
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

}
