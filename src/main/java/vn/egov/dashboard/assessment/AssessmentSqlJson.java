package vn.egov.dashboard.assessment;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.egov.dashboard.compiled.JavaFields;
import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJsonType;

import static vn.egov.dashboard.compiled.SqlJsonType.column;
import static vn.egov.dashboard.compiled.SqlJsonType.decimal;
import static vn.egov.dashboard.compiled.SqlJsonType.literal;

/**
 * {@code Agency.assessments}, {@code assessmentFrameworks}, {@code assessmentRounds} and
 * {@code assessmentRound} in SQL for compiled queries: the rounds, blocks, scores and
 * order of {@link AgencyAssessmentsController} (rounds by year, framework and block,
 * scores in the round's category order) and {@link AssessmentRoundController}. A score's
 * {@code rank}, {@code tied} and {@code blockSize} are read from
 * {@code assessment_ranked} on the partitions of the agency's rounds (of a whole page of
 * agencies at once), its previous-round fields from {@code assessment_comparison}; the
 * fields declared {@link JavaFields} below are answered in Java: a query asking for them
 * runs on the ordinary path. Scores are written as the ordinary path writes a Float
 * ({@link RankingSqlJson#decimal}: {@code 0.7205}, {@code 1.0}), from the numerics
 * without converting them to float8 first. {@code publishedOnly: true} leaves the sample
 * scores out as the ordinary path does: the rounds are grouped from the published scores
 * only, and each round row carries the flag ({@code published_only}) for the scores read
 * under it.
 */
@Configuration(proxyBeanMethods = false)
class AssessmentSqlJson {

	/**
	 * The frameworks in the order of the enum, which orders an agency's rounds of one
	 * year (bound, not written).
	 */
	private static final String[] FRAMEWORKS = names(Framework.values());

	private static final String[] BLOCKS = names(Block.values());

	/** The fields of a score that are read from its rank in the block. */
	private static final Set<String> RANKED_FIELDS = Set.of("rank", "tied", "blockSize", "rankChange", "previousRank",
			"previousYear", "previousSample");

	/** The fields of a score that are read from its rank in the previous round. */
	private static final Set<String> PREVIOUS_FIELDS = Set.of("rankChange", "previousRank", "previousYear",
			"previousSample");

	/**
	 * {@code assessmentFrameworks}, {@code assessmentRounds} and {@code assessmentRound},
	 * as {@link AssessmentRoundController} answers them.
	 */
	@Bean
	SqlJsonType roundQueries() {
		return new SqlJsonType("Query", Map.of("assessmentFrameworks", (field, row) -> {
			String framework = field.alias();
			return SqlJson.list(field.object("AssessmentFramework", framework),
					"FROM assessment_framework " + framework, frameworkOrder(field, framework + ".code"));
		}, "assessmentRounds", (field, row) -> {
			Object given = field.argument("framework");
			String framework = field.bind((given != null) ? given.toString() : null, String.class);
			String round = field.alias();
			return SqlJson.list(field.object("AssessmentRound", round),
					"FROM assessment_round " + round + " WHERE cast(" + framework + " AS text) IS NULL OR " + round
							+ ".framework = " + framework,
					frameworkOrder(field, round + ".framework") + ", " + round + ".year");
		}, "assessmentRound", (field, row) -> {
			String round = field.alias();
			return "(SELECT " + field.object("AssessmentRound", round) + " FROM assessment_round " + round + " WHERE "
					+ round + ".framework = " + field.bind(String.valueOf(field.argument("framework")), String.class)
					+ " AND " + round + ".year = " + field.bind(field.argument("year"), Integer.class) + ")";
		}), Map.of("assessmentRounds", Set.of("framework"), "assessmentRound", Set.of("framework", "year")));
	}

	/** A framework: a row of assessment_framework. */
	@Bean
	SqlJsonType frameworkFields() {
		return new SqlJsonType("AssessmentFramework",
				Map.ofEntries(column("code", "code"), column("name", "name"), column("nameEn", "name_en"),
						column("publisher", "publisher"), column("description", "description"),
						Map.entry("blocks", AssessmentSqlJson::frameworkBlocks), Map.entry("rounds", (field, row) -> {
							String round = field.alias();
							return SqlJson.list(field.object("AssessmentRound", round), "FROM assessment_round " + round
									+ " WHERE " + round + ".framework = " + row + ".code", round + ".year");
						})));
	}

	/**
	 * A round: a row of assessment_round. Its counts are those of
	 * {@link AssessmentRepository#findRoundCounts} (zero for a round without scores), its
	 * blocks those of {@link AssessmentRepository#findBlockSummaries}.
	 */
	@Bean
	SqlJsonType roundFields() {
		return new SqlJsonType("AssessmentRound", Map.ofEntries(
				column("framework", "framework"), literal("year", "year"), column("publishedOn", "published_on"),
				column("note", "note"), Map.entry("methodologyDocument", (field, row) -> field.one("LegalDocument",
						"legal_document", "id", row + ".methodology_document_id")),
				Map.entry("categories", (field, row) -> {
					String category = field.alias();
					return SqlJson.list(
							field.object("AssessmentCategory", category), "FROM assessment_category " + category
									+ " WHERE " + category + ".round_id = " + row + ".id",
							category + ".position, " + category + ".code");
				}), Map.entry("blocks", (field, row) -> {
					String block = field.alias();
					return SqlJson.list(field.object("RoundBlock", block),
							"FROM (" + AssessmentRepository.blockSummaries(row + ".id") + ") " + block,
							"array_position(cast(" + field.bind(BLOCKS, String[].class) + " AS text[]), " + block
									+ ".block)");
				}), count("scoreCount", "count(*)"), count("publishedScoreCount", "count(*) FILTER (WHERE NOT sample)"),
				count("sampleScoreCount", "count(*) FILTER (WHERE sample)"),
				count("agencyCount", "count(DISTINCT agency_code)")));
	}

	/** A block of a round: a row of {@link AssessmentRepository#blockSummaries}. */
	@Bean
	SqlJsonType roundBlockFields() {
		return new SqlJsonType("RoundBlock",
				Map.ofEntries(column("block", "block"), literal("agencyCount", "agencies"),
						literal("scoreCount", "scores"), literal("sampleScoreCount", "sample_scores"),
						literal("publishedRankCount", "published_ranks")));
	}

	/**
	 * {@code agencyScores}: the rounds of the agency and of the agencies merged into it,
	 * in the order of {@link AgencyScoresController#history}: by year, framework, the
	 * agency's own first, then by distance, code and block. An unknown agency is left to
	 * the ordinary path's NOT_FOUND.
	 */
	@Bean
	SqlJsonType agencyScoresQuery() {
		return new SqlJsonType("Query", Map.of("agencyScores", AssessmentSqlJson::agencyScores),
				Map.of("agencyScores", Set.of("agencyCode", "framework", "includePredecessors", "publishedOnly")));
	}

	private static String agencyScores(SqlJson.Field field, String row) {
		String code = field.bind(field.argument("agencyCode"), String.class);
		field.require("EXISTS (SELECT 1 FROM agency WHERE code = " + code + ")");
		boolean lineage = !Boolean.FALSE.equals(field.argument("includePredecessors"));
		Object given = field.argument("framework");
		String framework = field.bind((given != null) ? given.toString() : null, String.class);
		boolean publishedOnly = Boolean.TRUE.equals(field.argument("publishedOnly"));
		String members = field
			.commonTable(lineage ? RankingRepository.lineage(code) : "SELECT " + code + " AS code, 0 AS depth");
		String score = field.alias();
		String round = field.alias();
		String member = field.alias();
		String group = field.alias();
		return SqlJson.list(field.object("AgencyRound", group), "FROM (SELECT " + score + ".round_id, " + round
				+ ".framework, " + round + ".year, " + score + ".block, " + score + ".agency_code, "
				+ (publishedOnly ? "true" : "false") + " AS published_only, CASE WHEN " + score + ".agency_code = "
				+ code + " THEN '" + AgencyRelation.SELF.name() + "' ELSE '" + AgencyRelation.PREDECESSOR.name()
				+ "' END AS relation, " + member + ".depth FROM assessment_score " + score + " JOIN assessment_round "
				+ round + " ON " + round + ".id = " + score + ".round_id JOIN " + members + " " + member + " ON "
				+ member + ".code = " + score + ".agency_code WHERE (cast(" + framework + " AS text) IS NULL OR "
				+ round + ".framework = " + framework + ")" + (publishedOnly ? " AND NOT " + score + ".sample" : "")
				+ " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8) " + group,
				group + ".year, " + frameworkOrder(field, group + ".framework") + ", " + group + ".relation = '"
						+ AgencyRelation.PREDECESSOR.name() + "', " + group + ".depth, " + group + ".agency_code, "
						+ "array_position(cast(" + field.bind(BLOCKS, String[].class) + " AS text[]), " + group
						+ ".block)");
	}

	/**
	 * Fields of the feature's types answered in Java, each batched: one statement per
	 * level of a request, not per parent.
	 */
	@Bean
	JavaFields roundFieldsInJava() {
		return new JavaFields("AssessmentRound", Map.of("importedAt",
				"a DateTime written by the scalar at its output offset (graphql.DateScalars), which SQL would repeat"));
	}

	@Bean
	SqlJsonType agencyAssessments() {
		return new SqlJsonType("Agency", Map.of("assessments", AssessmentSqlJson::assessments),
				Map.of("assessments", Set.of("framework", "year", "publishedOnly")));
	}

	/**
	 * An agency's round: a row of (round_id, framework, year, block, agency_code,
	 * published_only).
	 */
	@Bean
	SqlJsonType agencyRoundFields() {
		return new SqlJsonType("AgencyRound", Map.ofEntries(column("framework", "framework"), literal("year", "year"),
				column("block", "block"), column("relation", "relation"),
				Map.entry("agency", (field, row) -> field.one("Agency", "agency", "code", row + ".agency_code")),
				Map.entry("round",
						(field, row) -> field.one("AssessmentRound", "assessment_round", "id", row + ".round_id")),
				Map.entry("scores", (field, row) -> scores(field, row, "")),
				Map.entry("total", (field, row) -> scores(field, row, AssessmentCategory.TOTAL))));
	}

	/**
	 * A score as stored, on the row {@code s} of assessment_score joined with its
	 * category {@code sc}.
	 */
	@Bean
	SqlJsonType categoryScoreFields() {
		return new SqlJsonType("CategoryScore",
				Map.ofEntries(Map.entry("category", (field, row) -> field.object("AssessmentCategory", row + "c")),
						decimal("score", "score"),
						Map.entry("maxScore", (field, row) -> SqlJson.decimal(row + "c.max_score")),
						literal("publishedRank", "published_rank"), literal("sample", "sample"),
						column("source", "source"), column("note", "note"),
						// read from the rank joined to the score (roundRanks, pageRanks)
						Map.entry("rank", (field, row) -> SqlJson.literal(row + "r.rank")),
						Map.entry("tied", (field, row) -> SqlJson.literal(row + "r.tied")),
						Map.entry("blockSize", (field, row) -> SqlJson.literal(row + "r.block_size")),
						// read from the previous rank joined to a page's scores
						// (pagePreviousRanks)
						Map.entry("rankChange", (field, row) -> SqlJson.literal(row + "p.rank - " + row + "r.rank")),
						Map.entry("previousRank", (field, row) -> SqlJson.literal(row + "p.rank")),
						Map.entry("previousYear", (field, row) -> SqlJson.literal(row + "p.year")),
						Map.entry("previousSample", (field, row) -> SqlJson.literal(row + "p.sample"))));
	}

	@Bean
	SqlJsonType categoryFields() {
		return new SqlJsonType("AssessmentCategory",
				Map.ofEntries(column("code", "code"), column("name", "name"), column("nameEn", "name_en"),
						column("kind", "kind"), decimal("maxScore", "max_score"), literal("position", "position")));
	}

	/**
	 * An agency's rounds: its scores grouped by round and block. On a page of agencies
	 * ({@link SqlJson.Field#rowSet}) the rounds of every agency on it are read in one
	 * pass, and so are their scores.
	 */
	private static String assessments(SqlJson.Field field, String agency) {
		Object given = field.argument("framework");
		String framework = field.bind((given != null) ? given.toString() : null, String.class);
		String year = field.bind(field.argument("year"), Integer.class);
		boolean publishedOnly = Boolean.TRUE.equals(field.argument("publishedOnly"));
		String score = field.alias();
		String round = field.alias();
		String group = field.alias();
		String filter = "(cast(" + framework + " AS text) IS NULL OR " + round + ".framework = " + framework
				+ ") AND (cast(" + year + " AS int) IS NULL OR " + round + ".year = " + year + ")"
				+ (publishedOnly ? " AND NOT " + score + ".sample" : "");
		String flag = publishedOnly ? "true" : "false";
		String scores = "assessment_score " + score + " JOIN assessment_round " + round + " ON " + round + ".id = "
				+ score + ".round_id";
		String order = group + ".year, array_position(cast(" + field.bind(FRAMEWORKS, String[].class) + " AS text[]), "
				+ group + ".framework), array_position(cast(" + field.bind(BLOCKS, String[].class) + " AS text[]), "
				+ group + ".block)";
		String page = field.rowSet(agency);
		if (page == null) {
			return SqlJson.list(field.object("AgencyRound", group),
					"FROM (SELECT " + score + ".round_id, " + round + ".framework, " + round + ".year, " + score
							+ ".block, " + score + ".agency_code, " + flag + " AS published_only, '"
							+ AgencyRelation.SELF.name() + "' AS relation FROM " + scores + " WHERE " + score
							+ ".agency_code = " + agency + ".code AND " + filter + " GROUP BY 1, 2, 3, 4, 5) " + group,
					order);
		}
		// The page's scores in those rounds, then the rounds they fall in: its scores are
		// read from the first.
		String shown = field.alias();
		String scored = field
			.commonTable("SELECT " + score + ".*, " + round + ".framework, " + round + ".year FROM " + scores + " JOIN "
					+ page + " " + shown + " ON " + shown + ".code = " + score + ".agency_code WHERE " + filter);
		String all = field
			.commonTable("SELECT round_id, framework, year, block, agency_code, " + flag + " AS published_only, '"
					+ AgencyRelation.SELF.name() + "' AS relation FROM " + scored + " GROUP BY 1, 2, 3, 4, 5");
		field.declareRowSet(group, all, List.of("agency_code", "round_id", "block"));
		field.declareRowSetTable(group, "assessment_score", scored);
		String element = field.object("AgencyRound", group);
		return field.groupedList(agency, List.of(group + ".agency_code"), element,
				"FROM " + all + " " + group + field.joins(group), order);
	}

	/**
	 * The round's scores in category order, or the one score of {@code category} (null if
	 * none); for all the rounds of a page of agencies at once where {@code round} is one
	 * of them.
	 */
	private static String scores(SqlJson.Field field, String round, String category) {
		String score = field.alias();
		String categories = " JOIN assessment_category " + score + "c ON " + score + "c.round_id = " + score
				+ ".round_id AND " + score + "c.code = " + score + ".category_code";
		String object = field.object("CategoryScore", score);
		String scored = field.rowSetTable(round, "assessment_score");
		boolean ranked = field.children().stream().anyMatch((child) -> RANKED_FIELDS.contains(child.name()));
		boolean previous = field.children().stream().anyMatch((child) -> PREVIOUS_FIELDS.contains(child.name()));
		if (scored != null) {
			String list = field.groupedList(round,
					List.of(score + ".agency_code", score + ".round_id", score + ".block"), object,
					"FROM " + scored + " " + score + categories + (ranked ? pageRanks(field, round, scored, score) : "")
							+ (previous ? pagePreviousRanks(field, round, score) : "")
							+ (category.isEmpty() ? "" : " WHERE " + score + ".category_code = '" + category + "'"),
					score + "c.position");
			// one category: the one element of the list, without its brackets, or null
			return category.isEmpty() ? list : "nullif(substr(" + list + ", 2, length(" + list + ") - 2), '')";
		}
		if (previous) {
			// Per round, PostgreSQL ran assessment_comparison again for every score: an
			// agency's 30 rounds took 1.4 s in one statement, 80 ms field by field
			// (batched).
			throw new SqlJson.NotCompilable();
		}
		String from = "FROM assessment_score " + score + categories + (ranked ? roundRanks(round, score, category) : "")
				+ " WHERE " + sameRound(score, round) + " AND NOT (" + score + ".sample AND " + round
				+ ".published_only)";
		if (category.isEmpty()) {
			return SqlJson.list(object, from, score + "c.position");
		}
		return "(SELECT " + object + " " + from + " AND " + score + ".category_code = '" + category + "')";
	}

	/**
	 * The join of the score {@code score} with its rank ({@code assessment_ranked}, as
	 * {@code <score>r}) in the round and block of the round row {@code round}: the view
	 * ranks just that partition (of one category if given), the filters on its round and
	 * block being pushed below its window functions.
	 */
	private static String roundRanks(String round, String score, String category) {
		String ranks = score + "r";
		return " JOIN (SELECT * FROM assessment_ranked WHERE round_id = " + round + ".round_id AND block = " + round
				+ ".block" + (category.isEmpty() ? "" : " AND category_code = '" + category + "'") + ") " + ranks
				+ " ON " + ranks + ".category_code = " + score + ".category_code AND " + ranks + ".agency_code = "
				+ score + ".agency_code";
	}

	/**
	 * The join of a page's score {@code score} with its rank in the previous round (as
	 * {@code <score>p}): every round and block of the page compared once, in a common
	 * table shared by the page's lists. The round ids reach {@code assessment_comparison}
	 * as columns of a lateral join, so that PostgreSQL inlines it.
	 */
	private static String pagePreviousRanks(SqlJson.Field field, String round, String score) {
		String table = field.rowSetTable(round, "assessment_comparison");
		if (table == null) {
			String part = field.alias();
			String ranks = field.alias();
			table = field.commonTable("SELECT " + part + ".round_id, " + part + ".block, " + ranks + ".* FROM "
					+ "(SELECT DISTINCT round_id, block, published_only, assessment_previous_round(round_id, block) AS "
					+ "previous_id FROM " + field.rowSet(round) + ") " + part + " CROSS JOIN LATERAL ("
					+ RankingRepository.previousRanks(part + ".round_id", part + ".block", part + ".previous_id",
							part + ".published_only")
					+ ") " + ranks);
			field.declareRowSetTable(round, "assessment_comparison", table);
		}
		String previous = score + "p";
		return " LEFT JOIN " + table + " " + previous + " ON " + previous + ".round_id = " + score + ".round_id AND "
				+ previous + ".block = " + score + ".block AND " + previous + ".category_code = " + score
				+ ".category_code AND " + previous + ".agency_code = " + score + ".agency_code";
	}

	/**
	 * The join of a page's score {@code score} with its rank (as {@code <score>r}): every
	 * round and block of the page's scores ranked once, in a common table shared by the
	 * page's lists.
	 */
	private static String pageRanks(SqlJson.Field field, String round, String scored, String score) {
		String table = field.rowSetTable(round, "assessment_ranked");
		if (table == null) {
			// The rounds and blocks as arrays computed first (InitPlans): conditions on
			// them
			// are pushed below the view's window functions, which then rank those
			// partitions only.
			table = field.commonTable("SELECT * FROM assessment_ranked WHERE round_id = ANY (cast((SELECT array_agg("
					+ "DISTINCT round_id) FROM " + scored + ") AS bigint[])) AND block = ANY (cast((SELECT array_agg("
					+ "DISTINCT block) FROM " + scored + ") AS text[]))");
			field.declareRowSetTable(round, "assessment_ranked", table);
		}
		String ranks = score + "r";
		return " JOIN " + table + " " + ranks + " ON " + ranks + ".round_id = " + score + ".round_id AND " + ranks
				+ ".block = " + score + ".block AND " + ranks + ".category_code = " + score + ".category_code AND "
				+ ranks + ".agency_code = " + score + ".agency_code";
	}

	/** The frameworks in the order of the enum. */
	private static String frameworkOrder(SqlJson.Field field, String framework) {
		return "array_position(cast(" + field.bind(FRAMEWORKS, String[].class) + " AS text[]), " + framework + ")";
	}

	/** The blocks a framework ranks ({@link Framework#blocks}), bound per framework. */
	private static String frameworkBlocks(SqlJson.Field field, String row) {
		StringBuilder blocks = new StringBuilder("CASE " + row + ".code");
		for (Framework framework : Framework.values()) {
			blocks.append(" WHEN ")
				.append(field.bind(framework.name(), String.class))
				.append(" THEN cast(")
				.append(field.bind(names(framework.blocks().toArray(Block[]::new)), String[].class))
				.append(" AS text[])");
		}
		return "to_json(" + blocks + " END)::text";
	}

	/** A count of a round's scores, zero when it has none. */
	private static Map.Entry<String, SqlJsonType.FieldSql> count(String name, String aggregate) {
		return Map.entry(name, (field, row) -> SqlJson
			.literal("SELECT " + aggregate + " FROM assessment_score WHERE round_id = " + row + ".id"));
	}

	private static String sameRound(String score, String round) {
		return score + ".round_id = " + round + ".round_id AND " + score + ".block = " + round + ".block AND " + score
				+ ".agency_code = " + round + ".agency_code";
	}

	private static String[] names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
	}

}
