package vn.egov.dashboard.agency;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;

import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJsonType;
import vn.egov.dashboard.graphql.Page;

import static vn.egov.dashboard.compiled.SqlJsonType.column;

/**
 * {@code agency}, {@code agencies} and the fields of {@code Agency} in SQL, for compiled
 * queries: the same rows, filters and order as {@link AgencyRepository} and
 * {@link AgencyController}.
 */
@Configuration(proxyBeanMethods = false)
class AgencySqlJson {

	@Bean
	SqlJsonType agencyQueries(CursorStrategy<ScrollPosition> cursors) {
		return new SqlJsonType("Query",
				Map.of("agency", (field, row) -> one(field, "code", field.bind(field.argument("code"), String.class)),
						"agencies", (field, row) -> agencies(field, cursors)),
				Map.of("agency", Set.of("code"), "agencies", Set.of("first", "after", "filter")));
	}

	@Bean
	SqlJsonType agencyFields(Clock clock) {
		return new SqlJsonType("Agency",
				Map.ofEntries(column("code", "code"), column("officialCode", "official_code"), column("name", "name"),
						column("fullName", "full_name"), column("nameEn", "name_en"), column("kind", "kind"),
						column("region", "region"), column("validFrom", "valid_from"), column("validTo", "valid_to"),
						column("note", "note"), column("source", "source"),
						Map.entry("validOn", (field, row) -> validOn(field, row, clock)),
						Map.entry("successor", (field, row) -> one(field, "code", row + ".successor_code")),
						Map.entry("parent", (field, row) -> one(field, "code", row + ".parent_code")),
						Map.entry("predecessors", (field, row) -> all(field, "successor_code", row + ".code")),
						Map.entry("children", (field, row) -> all(field, "parent_code", row + ".code"))),
				Map.of("validOn", Set.of("date")));
	}

	/**
	 * The connection, paged as {@link AgencyController#agencies} pages it: the cursor
	 * read by the same strategy and {@code first} checked by {@link Page}. A request they
	 * refuse is left to the ordinary path, which explains why.
	 */
	private static String agencies(SqlJson.Field field, CursorStrategy<ScrollPosition> cursors) {
		Page page = field.page(cursors);
		String afterCode = field.bind(field.afterKey(page, (p) -> p.stringKey("code")), String.class);
		Map<?, ?> filter = (field.argument("filter") instanceof Map<?, ?> given) ? given : Map.of();
		List<?> kinds = (List<?>) filter.get("kinds");
		String where = AgencyRepository.filter(
				field.bind((kinds != null) ? kinds.stream().map(String::valueOf).toArray(String[]::new) : null,
						String[].class),
				field.bind(filter.get("asOf"), LocalDate.class), field.bind(filter.get("parentCode"), String.class),
				field.bind(AgencyRepository.words((String) filter.get("search")), String[].class));
		String rows = "SELECT * FROM agency " + where + " AND (cast(" + afterCode + " AS text) IS NULL OR code > "
				+ afterCode + ") ORDER BY code LIMIT " + page.fetchSize();
		return field.connection("Agency",
				new SqlJson.Page(rows, List.of("code"), page.size(), "(SELECT count(*) FROM agency " + where + ")"));
	}

	/** As {@link Agency#validOn}, on the given date or today. */
	private static String validOn(SqlJson.Field field, String row, Clock clock) {
		Object given = field.argument("date");
		String date = "cast(" + field.bind((given != null) ? given : LocalDate.now(clock), LocalDate.class)
				+ " AS date)";
		return SqlJson.literal("(" + row + ".valid_from IS NULL OR " + row + ".valid_from <= " + date + ") AND (" + row
				+ ".valid_to IS NULL OR " + row + ".valid_to >= " + date + ")");
	}

	/** The agency whose {@code column} is {@code value}, or null. */
	private static String one(SqlJson.Field field, String column, String value) {
		return field.one("Agency", "agency", column, value);
	}

	/** The agencies whose {@code column} is {@code value}, ordered by code. */
	private static String all(SqlJson.Field field, String column, String value) {
		String agency = field.alias();
		return SqlJson.list(field.object("Agency", agency),
				"FROM agency " + agency + " WHERE " + agency + "." + column + " = " + value, agency + ".code");
	}

}
