package vn.egov.dashboard.assessment;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;

import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJson.NotCompilable;
import vn.egov.dashboard.compiled.SqlJsonType;
import vn.egov.dashboard.graphql.Page;

import static vn.egov.dashboard.compiled.SqlJsonType.column;
import static vn.egov.dashboard.compiled.SqlJsonType.decimal;
import static vn.egov.dashboard.compiled.SqlJsonType.literal;

/**
 * {@code ranking}, {@code rankChanges} and {@code blockStatistics} in SQL for compiled
 * queries: the statements of {@link RankingRepository} and {@link RankChangeRepository}
 * (their static builders), the arguments checked as {@link RankingController} checks
 * them. Only the one round × block × category partition asked for is read and ranked; the
 * previous round's ranks ({@code assessment_comparison}) are computed only when an
 * entry's previous-round field is selected.
 * <p>
 * A block the framework does not use, {@code fromYear} not before {@code toYear} or a bad
 * cursor leave the query to the ordinary path, which words the error; so does a category
 * given by its name rather than its code (names are compared in Java, with Java's
 * lower-casing). An unknown round or category is found by the statement itself
 * ({@link SqlJson.Field#require}): it then answers nothing, and the ordinary path gives
 * the NOT_FOUND or BAD_REQUEST.
 */
@Configuration(proxyBeanMethods = false)
class RankingSqlJson {

	/** A category asked for by its code, in lower case: compared in SQL. */
	private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]*");

	/** The fields of a ranking entry read from the previous round. */
	private static final Set<String> PREVIOUS_FIELDS = Set.of("rankChange", "previousRank", "previousYear",
			"previousSample");

	/**
	 * {@code compareAgencies}: a grid of agencies x years, as
	 * {@link AgencyScoresController#compareAgencies} builds it; the comparison is a row
	 * of (framework, category), a row of agencies (code, n) and a cell a row of
	 * {@code assessment_ranked}.
	 */
	@Bean
	SqlJsonType comparisonQuery() {
		return new SqlJsonType("Query", Map.of("compareAgencies", RankingSqlJson::compareAgencies),
				Map.of("compareAgencies",
						Set.of("agencyCodes", "category", "framework", "fromYear", "toYear", "publishedOnly")));
	}

	/**
	 * The comparison: a row of (framework, category, published_only, codes, round_ids,
	 * years), the rounds in year order.
	 */
	@Bean
	SqlJsonType comparisonFields() {
		return new SqlJsonType("AssessmentComparison",
				Map.ofEntries(column("framework", "framework"), column("category", "category"),
						Map.entry("years", (field, row) -> "coalesce(to_json(" + row + ".years)::text, '[]')"),
						Map.entry("rows", (field, row) -> {
							String agency = field.alias();
							return SqlJson.list(field.object("ComparedAgency", agency),
									"FROM (SELECT u.code, u.n, " + row + ".category, " + row + ".published_only, " + row
											+ ".round_ids, " + row + ".years FROM unnest(" + row
											+ ".codes) WITH ORDINALITY u (code, n)) " + agency,
									agency + ".n");
						})));
	}

	/**
	 * An agency of the comparison: a row of (code, n, category, published_only,
	 * round_ids, years). Its cell of a year is its standing in the round's category, that
	 * of a regular block rather than a recomputation (DTI 2024 post-merger), as
	 * {@code compareAgencies} merges them; null where it has none.
	 */
	@Bean
	SqlJsonType comparedAgencyFields() {
		return new SqlJsonType("ComparedAgency", Map.of("agency",
				(field, row) -> field.one("Agency", "agency", "code", row + ".code"), "cells", (field, row) -> {
					String round = field.alias();
					String cell = field.alias();
					String[] recomputed = Arrays.stream(Block.values())
						.filter(Block::recomputation)
						.map(Enum::name)
						.toArray(String[]::new);
					return SqlJson.list("coalesce((SELECT " + field.object("ComparedScore", cell) + " FROM (SELECT *, "
							+ row + ".published_only FROM assessment_ranked WHERE round_id = " + round
							+ ".id AND category_code = " + row + ".category AND agency_code = " + row
							+ ".code AND NOT (sample AND " + row + ".published_only) ORDER BY block = ANY (cast("
							+ field.bind(recomputed, String[].class) + " AS text[])), block LIMIT 1) " + cell
							+ "), 'null')", "FROM unnest(" + row + ".round_ids) WITH ORDINALITY " + round + " (id, n)",
							round + ".n");
				}));
	}

	/** A cell: a row of {@code assessment_ranked} with the published_only flag. */
	@Bean
	SqlJsonType comparedScoreFields() {
		return new SqlJsonType("ComparedScore",
				Map.ofEntries(literal("year", "year"), column("block", "block"), decimal("score", "score"),
						decimal("maxScore", "max_score"), literal("rank", "rank"), literal("blockSize", "block_size"),
						literal("publishedRank", "published_rank"), literal("sample", "sample"), Map
							.entry("rankChange",
									(field, row) -> SqlJson.literal("(SELECT p.rank FROM ("
											+ RankingRepository.previousRanks(row + ".round_id", row + ".block",
													"assessment_previous_round(" + row + ".round_id, " + row
															+ ".block)",
													row + ".category_code", row + ".published_only")
											+ ") p WHERE p.agency_code = " + row + ".agency_code) - " + row
											+ ".rank"))));
	}

	@Bean
	SqlJsonType rankingQueries(CursorStrategy<ScrollPosition> cursors) {
		return new SqlJsonType("Query",
				Map.of("ranking", (field, row) -> ranking(field, cursors), "rankChanges",
						(field, row) -> rankChanges(field), "blockStatistics", (field, row) -> blockStatistics(field)),
				Map.of("ranking", Set.of("framework", "year", "block", "category", "publishedOnly", "first", "after"),
						"rankChanges",
						Set.of("framework", "block", "category", "fromYear", "toYear", "publishedOnly", "sortBy",
								"direction"),
						"blockStatistics", Set.of("framework", "year", "block", "category", "publishedOnly")));
	}

	/**
	 * An entry: a row of {@link RankingRepository#partition} with the previous rank's
	 * columns (previous_rank, previous_year, previous_sample).
	 */
	@Bean
	SqlJsonType rankingEntryFields() {
		return new SqlJsonType("RankingEntry", Map.ofEntries(literal("rank", "rank"),
				numberExpression("rankChange", "%s.previous_rank - %<s.rank"), literal("previousRank", "previous_rank"),
				literal("previousYear", "previous_year"), literal("previousSample", "previous_sample"),
				decimal("score", "score"), decimal("maxScore", "max_score"),
				Map.entry("agency", (field, row) -> field.one("Agency", "agency", "code", row + ".agency_code")),
				literal("tied", "tied"), literal("blockSize", "block_size"), literal("publishedRank", "published_rank"),
				literal("sample", "sample"), column("source", "source"), column("note", "note")));
	}

	/**
	 * A change: a row of {@link RankChangeRepository#changeRows} with the block and the
	 * earlier year (block, from_year).
	 */
	@Bean
	SqlJsonType rankChangeFields() {
		return new SqlJsonType("RankChange", Map.ofEntries(
				Map.entry("agency", (field, row) -> field.one("Agency", "agency", "code", row + ".agency_code")),
				column("block", "block"), literal("rank", "rank"), decimal("score", "score"),
				literal("sample", "sample"), literal("blockSize", "block_size"), literal("fromYear", "from_year"),
				column("fromBlock", "earlier_block"),
				numberExpression("fromRank", "CASE WHEN %s.compared THEN %<s.earlier_rank END"),
				decimalExpression("fromScore", "CASE WHEN %s.compared THEN %<s.earlier_score END"),
				numberExpression("fromSample", "CASE WHEN %s.compared THEN %<s.earlier_sample END"),
				Map.entry("fromAgencies", RankingSqlJson::fromAgencies),
				numberExpression("rankChange", "CASE WHEN %s.compared THEN %<s.earlier_rank - %<s.rank END"),
				decimalExpression("scoreChange", "CASE WHEN %s.compared THEN %<s.score - %<s.earlier_score END")));
	}

	/**
	 * Statistics: a row of {@link RankingRepository#statistics} with its round
	 * (round_id).
	 */
	@Bean
	SqlJsonType categoryStatisticsFields() {
		return new SqlJsonType("CategoryStatistics", Map.ofEntries(Map.entry("category", (field, row) -> {
			String category = field.alias();
			return "(SELECT " + field.object("AssessmentCategory", category) + " FROM assessment_category " + category
					+ " WHERE " + category + ".round_id = " + row + ".round_id AND " + category + ".code = " + row
					+ ".category_code)";
		}), literal("count", "count"), literal("sampleCount", "sample_count"), decimal("mean", "mean"),
				decimal("min", "min"), decimal("q1", "q1"), decimal("median", "median"), decimal("q3", "q3"),
				decimal("max", "max"), decimalExpression("interquartileRange", "%s.q3 - %<s.q1"),
				decimal("standardDeviation", "stddev")));
	}

	/**
	 * The ranking, paged as {@link RankingController#ranking} pages it: cursors of the
	 * rank and the agency's code, in that order.
	 */
	private static String ranking(SqlJson.Field field, CursorStrategy<ScrollPosition> cursors) {
		Framework framework = Framework.valueOf(String.valueOf(field.argument("framework")));
		Block block = Block.valueOf(String.valueOf(field.argument("block")));
		if (!framework.blocks().contains(block)) {
			throw new NotCompilable();
		}
		Page page = field.page(cursors);
		Long afterRank = field.afterKey(page, (p) -> p.longKey("rank"));
		String afterCode = field.afterKey(page, (p) -> p.stringKey("agency"));
		String round = round(field, framework, field.argument("year"));
		String roundId = roundId(field, round);
		String blockName = field.bind(block.name(), String.class);
		String category = category(field, roundId, (String) field.argument("category"));
		String published = field.bind(Boolean.TRUE.equals(field.argument("publishedOnly")), Boolean.class);
		String c = field.alias();
		String p = field.alias();
		boolean previous = selectsPrevious(field);
		String previousRanks = previous ? previousRanks(field, round, blockName, category, published) : "";
		String rows = "SELECT " + c + ".*, " + c + ".agency_code AS agency, "
				+ (previous
						? p + ".rank AS previous_rank, " + p + ".year AS previous_year, " + p
								+ ".sample AS previous_sample"
						: "NULL::bigint AS previous_rank, NULL::int AS previous_year, NULL::boolean AS previous_sample")
				+ " FROM (" + RankingRepository.partition(roundId, blockName, category, published) + ") " + c
				+ (previous
						? " LEFT JOIN " + previousRanks + " " + p + " ON " + p + ".agency_code = " + c + ".agency_code"
						: "")
				+ ((afterRank != null)
						? " WHERE (" + c + ".rank, " + c + ".agency_code) > (cast(" + field.bind(afterRank, Long.class)
								+ " AS bigint), cast(" + field.bind(afterCode, String.class) + " AS text))"
						: "")
				+ " ORDER BY " + c + ".rank, " + c + ".agency_code LIMIT " + page.fetchSize();
		return field.connection("Ranking", "RankingEntry", new SqlJson.Page(rows, List.of("rank", "agency"),
				page.size(), "(" + RankingRepository.rankingCount(roundId, blockName, category, published) + ")"));
	}

	/**
	 * A common table of the previous ranks of the partition's agencies
	 * ({@link RankingRepository#previousRanks}). The round ids reach
	 * {@code assessment_comparison} as columns of a lateral join, not as subqueries: with
	 * a subquery among its arguments PostgreSQL does not inline the function, and ran it
	 * in 16 ms instead of 3.
	 */
	private static String previousRanks(SqlJson.Field field, String round, String block, String category,
			String published) {
		String w = field.alias();
		return field.commonTable("SELECT p.* FROM (SELECT id, assessment_previous_round(id, " + block
				+ ") AS previous_id FROM " + round + ") " + w + " CROSS JOIN LATERAL ("
				+ RankingRepository.previousRanks(w + ".id", block, w + ".previous_id", category, published) + ") p");
	}

	/** As {@link AgencyScoresController#compareAgencies}. */
	private static String compareAgencies(SqlJson.Field field, String row) {
		List<String> codes = List.copyOf(
				new LinkedHashSet<>(((List<?>) field.argument("agencyCodes")).stream().map(String::valueOf).toList()));
		Integer fromYear = (Integer) field.argument("fromYear");
		Integer toYear = (Integer) field.argument("toYear");
		if (codes.isEmpty() || codes.size() > AgencyScoresController.MAX_COMPARED
				|| (fromYear != null && toYear != null && fromYear > toYear)) {
			throw new NotCompilable();
		}
		String framework = field.bind(String.valueOf(field.argument("framework")), String.class);
		String codesBind = field.bind(codes.toArray(String[]::new), String[].class);
		field.require("(SELECT count(*) FROM agency WHERE code = ANY (cast(" + codesBind + " AS text[]))) = "
				+ field.bind(codes.size(), Integer.class));
		String rounds = field.commonTable("SELECT id, year FROM assessment_round WHERE framework = " + framework
				+ " AND (cast(" + field.bind(fromYear, Integer.class) + " AS int) IS NULL OR year >= "
				+ field.bind(fromYear, Integer.class) + ") AND (cast(" + field.bind(toYear, Integer.class)
				+ " AS int) IS NULL OR year <= " + field.bind(toYear, Integer.class) + ")");
		String given = (String) field.argument("category");
		String category;
		if (given == null || given.isBlank()) {
			category = field.bind(AssessmentCategory.TOTAL, String.class);
		}
		else {
			// the code of the first category named so in any of the rounds: compiled when
			// every category so named has that code
			String name = Normalizer.normalize(given.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
			if (!CODE.matcher(name).matches()) {
				throw new NotCompilable();
			}
			category = field.bind(name.toUpperCase(Locale.ROOT), String.class);
			String lower = field.bind(name, String.class);
			String k = field.alias();
			field.require("SELECT count(*) > 0 AND bool_and(" + k + ".code = " + category
					+ ") FROM assessment_category " + k + " WHERE " + k + ".round_id IN (SELECT id FROM " + rounds
					+ ") AND (" + k + ".code = " + category + " OR lower(btrim(" + k + ".name)) = " + lower
					+ " OR lower(btrim(" + k + ".name_en)) = " + lower + ")");
		}
		String comparison = field.alias();
		return "(SELECT " + field.object("AssessmentComparison", comparison) + " FROM (SELECT " + framework
				+ " AS framework, cast(" + category + " AS text) AS category, "
				+ field.bind(Boolean.TRUE.equals(field.argument("publishedOnly")), Boolean.class)
				+ " AS published_only, cast(" + codesBind + " AS text[]) AS codes, (SELECT array_agg(id ORDER BY year)"
				+ " FROM " + rounds + ") AS round_ids, (SELECT array_agg(year ORDER BY year) FROM " + rounds
				+ ") AS years) " + comparison + ")";
	}

	/** As {@link RankingController#rankChanges}: sorted in SQL, one entry per agency. */
	private static String rankChanges(SqlJson.Field field) {
		Framework framework = Framework.valueOf(String.valueOf(field.argument("framework")));
		Block block = Block.valueOf(String.valueOf(field.argument("block")));
		int fromYear = (Integer) field.argument("fromYear");
		if (!framework.blocks().contains(block) || fromYear >= (Integer) field.argument("toYear")) {
			throw new NotCompilable();
		}
		String to = round(field, framework, field.argument("toYear"));
		String from = round(field, framework, fromYear);
		String toRound = roundId(field, to);
		String fromRound = roundId(field, from);
		field.require(fromRound + " IS NOT NULL");
		String blockName = field.bind(block.name(), String.class);
		String category = category(field, toRound, (String) field.argument("category"));
		String published = field.bind(Boolean.TRUE.equals(field.argument("publishedOnly")), Boolean.class);
		String byScore = field.bind(RankChangeSort.SCORE_CHANGE.name().equals(String.valueOf(field.argument("sortBy"))),
				Boolean.class);
		String sign = field.bind(SortDirection.ASC.name().equals(String.valueOf(field.argument("direction"))) ? -1 : 1,
				Integer.class);
		String x = field.alias();
		String w = field.alias();
		// The round ids reach assessment_comparison as columns of a lateral join, not as
		// subqueries, so that PostgreSQL inlines it (see previousRanks).
		return SqlJson.list(field.object("RankChange", x),
				"FROM (SELECT " + x + ".*, " + blockName + " AS block, " + field.bind(fromYear, Integer.class)
						+ " AS from_year FROM " + to + " " + w + "t CROSS JOIN " + from + " " + w
						+ "f CROSS JOIN LATERAL ("
						+ RankChangeRepository.changeRows(w + "t.id", w + "f.id", blockName, category, published) + ") "
						+ x + ") " + x,
				RankChangeRepository.changeOrder(x, byScore, sign));
	}

	/**
	 * The agencies whose earlier scores make {@code fromScore}, in the order of the
	 * array; none when there is nothing to compare with.
	 */
	private static String fromAgencies(SqlJson.Field field, String row) {
		String agency = field.alias();
		String member = field.alias();
		return SqlJson.list(field.object("Agency", agency),
				"FROM unnest(" + row + ".earlier_agencies) WITH ORDINALITY " + member + " (code, n) JOIN agency "
						+ agency + " ON " + agency + ".code = " + member + ".code WHERE " + row + ".compared",
				member + ".n");
	}

	/**
	 * As {@link RankingController#blockStatistics}: every category, or the one asked for.
	 */
	private static String blockStatistics(SqlJson.Field field) {
		Framework framework = Framework.valueOf(String.valueOf(field.argument("framework")));
		Block block = Block.valueOf(String.valueOf(field.argument("block")));
		if (!framework.blocks().contains(block)) {
			throw new NotCompilable();
		}
		String roundId = roundId(field, round(field, framework, field.argument("year")));
		String given = (String) field.argument("category");
		String category;
		if (given != null) {
			category = category(field, roundId, given);
		}
		else {
			field.require(roundId + " IS NOT NULL");
			category = field.bind(null, String.class);
		}
		String published = field.bind(Boolean.TRUE.equals(field.argument("publishedOnly")), Boolean.class);
		String s = field.alias();
		return SqlJson.list(field.object("CategoryStatistics", s),
				"FROM (SELECT *, " + roundId + " AS round_id FROM (" + RankingRepository.statistics(roundId,
						field.bind(block.name(), String.class), category, published) + ") " + s + ") " + s,
				s + ".position, " + s + ".category_code");
	}

	/**
	 * The round of {@code framework} in {@code year}: a common table of its id, without a
	 * row when there is none.
	 */
	static String round(SqlJson.Field field, Framework framework, @Nullable Object year) {
		return field.commonTable("SELECT id FROM assessment_round WHERE framework = "
				+ field.bind(framework.name(), String.class) + " AND year = " + field.bind(year, Integer.class));
	}

	/** The id of the round of {@link #round}, or NULL. */
	private static String roundId(SqlJson.Field field, String round) {
		return "(SELECT id FROM " + round + ")";
	}

	/**
	 * The code of the category {@code given} (omitted or blank: the total) of the round
	 * {@code roundId}, as {@link RankingController} finds it: a code, or a name, ignoring
	 * case. Only a code is compiled; the statement requires that it names exactly one
	 * category of the round (none: an unknown round or category, an error the ordinary
	 * path words; two: a name equal to another category's code, which the ordinary path
	 * resolves by position).
	 */
	static String category(SqlJson.Field field, String roundId, @Nullable String given) {
		String wanted = (given != null && !given.isBlank()) ? given : AssessmentCategory.TOTAL;
		String name = Normalizer.normalize(wanted.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
		if (!CODE.matcher(name).matches()) {
			throw new NotCompilable();
		}
		String code = field.bind(name.toUpperCase(Locale.ROOT), String.class);
		String lower = field.bind(name, String.class);
		String k = field.alias();
		field.require("SELECT count(*) = 1 AND bool_and(" + k + ".code = " + code + ") FROM assessment_category " + k
				+ " WHERE " + k + ".round_id = " + roundId + " AND (" + k + ".code = " + code + " OR lower(btrim(" + k
				+ ".name)) = " + lower + " OR lower(btrim(" + k + ".name_en)) = " + lower + ")");
		return code;
	}

	/** Whether a previous-round field of an entry is selected. */
	private static boolean selectsPrevious(SqlJson.Field ranking) {
		return ranking.children()
			.stream()
			.filter((edges) -> edges.name().equals("edges"))
			.flatMap((edges) -> edges.children().stream())
			.filter((node) -> node.name().equals("node"))
			.flatMap((node) -> node.children().stream())
			.anyMatch((entry) -> PREVIOUS_FIELDS.contains(entry.name()));
	}

	/**
	 * A number or boolean field: {@code expression} over the row, {@code %s} standing for
	 * the row.
	 */
	private static Map.Entry<String, SqlJsonType.FieldSql> numberExpression(String name, String expression) {
		return Map.entry(name, (field, row) -> SqlJson.literal(String.format(expression, row)));
	}

	/**
	 * A Float field: {@code expression} (a numeric, as in {@link #numberExpression})
	 * written as {@link SqlJson#decimal(String)} writes it.
	 */
	private static Map.Entry<String, SqlJsonType.FieldSql> decimalExpression(String name, String expression) {
		return Map.entry(name, (field, row) -> SqlJson.decimal(String.format(expression, row)));
	}

}
