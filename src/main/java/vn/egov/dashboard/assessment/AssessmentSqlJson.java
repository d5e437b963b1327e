package vn.egov.dashboard.assessment;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJsonType;

/**
 * {@code Agency.assessments} in SQL for compiled queries, with the scores as stored: the
 * rounds, blocks, scores and order of {@link AgencyAssessmentsController} (rounds by
 * year, framework and block, scores in the round's category order). Ranked fields
 * ({@code rank}, {@code tied}, {@code rankChange}, …) and {@code AgencyRound.round} have
 * no SQL form here: a query asking for them runs on the ordinary path. Scores are written
 * as PostgreSQL's numerics without trailing zeros ({@code trim_scale}: {@code 0.7205},
 * and {@code 1} where the ordinary path writes {@code 1.0}), which costs less than
 * converting them to float8 first. {@code publishedOnly: true} leaves the sample scores
 * out as the ordinary path does: the rounds are grouped from the published scores only,
 * and each round row carries the flag ({@code published_only}) for the scores read under
 * it.
 */
@Configuration(proxyBeanMethods = false)
class AssessmentSqlJson {

	/**
	 * The frameworks in the order of the enum, which orders an agency's rounds of one
	 * year (bound, not written).
	 */
	private static final String[] FRAMEWORKS = names(Framework.values());

	private static final String[] BLOCKS = names(Block.values());

	@Bean
	SqlJsonType agencyAssessments() {
		return new SqlJsonType("Agency", Map.of("assessments", AssessmentSqlJson::assessments));
	}

	/**
	 * An agency's round: a row of (round_id, framework, year, block, agency_code,
	 * published_only).
	 */
	@Bean
	SqlJsonType agencyRoundFields() {
		return new SqlJsonType("AgencyRound",
				Map.of("framework", (field, row) -> SqlJson.string(row + ".framework"), "year",
						(field, row) -> SqlJson.literal(row + ".year"), "block",
						(field, row) -> SqlJson.string(row + ".block"), "relation",
						(field, row) -> SqlJson.constant(AgencyRelation.SELF.name()), "agency", (field, row) -> {
							String agency = field.alias();
							return "(SELECT " + field.object("Agency", agency) + " FROM agency " + agency + " WHERE "
									+ agency + ".code = " + row + ".agency_code)";
						}, "scores", (field, row) -> scores(field, row, ""), "total",
						(field, row) -> scores(field, row, AssessmentCategory.TOTAL)));
	}

	/**
	 * A score as stored, on the row {@code s} of assessment_score joined with its
	 * category {@code sc}.
	 */
	@Bean
	SqlJsonType categoryScoreFields() {
		return new SqlJsonType("CategoryScore",
				Map.of("category", (field, row) -> field.object("AssessmentCategory", row + "c"), "score",
						(field, row) -> SqlJson.literal("trim_scale(" + row + ".score)"), "maxScore",
						(field, row) -> SqlJson.literal("trim_scale(" + row + "c.max_score)"), "publishedRank",
						(field, row) -> SqlJson.literal(row + ".published_rank"), "sample",
						(field, row) -> SqlJson.literal(row + ".sample"), "source",
						(field, row) -> SqlJson.string(row + ".source"), "note",
						(field, row) -> SqlJson.string(row + ".note")));
	}

	@Bean
	SqlJsonType categoryFields() {
		return new SqlJsonType("AssessmentCategory", Map.of("code", (field, row) -> SqlJson.string(row + ".code"),
				"name", (field, row) -> SqlJson.string(row + ".name"), "nameEn",
				(field, row) -> SqlJson.string(row + ".name_en"), "kind", (field, row) -> SqlJson.string(row + ".kind"),
				"maxScore", (field, row) -> SqlJson.literal("trim_scale(" + row + ".max_score)"), "position",
				(field, row) -> SqlJson.literal(row + ".position")));
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
							+ ".block, " + score + ".agency_code, " + flag + " AS published_only FROM " + scores
							+ " WHERE " + score + ".agency_code = " + agency + ".code AND " + filter
							+ " GROUP BY 1, 2, 3, 4, 5) " + group,
					order);
		}
		// The page's scores in those rounds, then the rounds they fall in: its scores are
		// read from the first.
		String shown = field.alias();
		String scored = field
			.commonTable("SELECT " + score + ".*, " + round + ".framework, " + round + ".year FROM " + scores + " JOIN "
					+ page + " " + shown + " ON " + shown + ".code = " + score + ".agency_code WHERE " + filter);
		String all = field.commonTable("SELECT round_id, framework, year, block, agency_code, " + flag
				+ " AS published_only FROM " + scored + " GROUP BY 1, 2, 3, 4, 5");
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
		if (category.isEmpty() && scored != null) {
			return field.groupedList(round, List.of(score + ".agency_code", score + ".round_id", score + ".block"),
					object, "FROM " + scored + " " + score + categories, score + "c.position");
		}
		String from = "FROM assessment_score " + score + categories + " WHERE " + sameRound(score, round) + " AND NOT ("
				+ score + ".sample AND " + round + ".published_only)";
		if (category.isEmpty()) {
			return SqlJson.list(object, from, score + "c.position");
		}
		return "(SELECT " + object + " " + from + " AND " + score + ".category_code = '" + category + "')";
	}

	private static String sameRound(String score, String round) {
		return score + ".round_id = " + round + ".round_id AND " + score + ".block = " + round + ".block AND " + score
				+ ".agency_code = " + round + ".agency_code";
	}

	private static String[] names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
	}

}
