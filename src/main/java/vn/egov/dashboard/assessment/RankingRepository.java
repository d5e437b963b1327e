package vn.egov.dashboard.assessment;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
 * Reads ranked scores: a block's ranking, agencies' histories and score distributions.
 * Ranks come from the {@code assessment_ranked} view (window functions); statistics from
 * {@code percentile_cont}. Every read takes {@code publishedOnly}, which leaves out the
 * generated sample scores (also as previous scores); ranks stay those of the whole block,
 * computed before that filter.
 */
@Repository
class RankingRepository {

	private static final String STANDING_COLUMNS = """
			c.round_id, c.framework, c.year, c.block, c.category_code, c.category_position, c.max_score, c.agency_code,
			c.score, c.sample,
			c.published_rank, c.source, c.note, c.rank, c.block_size, c.tied,
			k.name AS category_name, k.name_en AS category_name_en, k.kind AS category_kind""";

	/**
	 * The category of each standing, read with it rather than looked up field by field.
	 */
	private static final String JOIN_CATEGORY = """
			  JOIN assessment_category k ON k.round_id = c.round_id AND k.code = c.category_code
			""";

	/**
	 * The round that rank changes compare with: the latest earlier round of the same
	 * framework that ranked a block of the block's family (V13__rank_comparison.sql;
	 * VIETNAM_ICT_INDEX 2023 compares with 2020, DTI 2024 PROVINCES_POST_MERGER with
	 * 2023).
	 */
	private static final String PREVIOUS_ROUND = """
			SELECT id FROM assessment_round WHERE id = assessment_previous_round(:roundId, :block)
			""";

	/**
	 * One page of a block's ranking. The current ranks are computed by the view on just
	 * their own partition ({@link #partition}); the previous ranks are those of
	 * {@code assessment_comparison} ({@link #previousRanks}), computed once
	 * (MATERIALIZED).
	 */
	private static final String RANKING = "WITH p AS MATERIALIZED ("
			+ previousRanks(":roundId", ":block", ":previousRoundId", ":category", ":publishedOnly") + ") SELECT "
			+ STANDING_COLUMNS + """
					, p.rank AS previous_rank, p.year AS previous_year, p.sample AS previous_sample
					  FROM (""" + partition(":roundId", ":block", ":category", ":publishedOnly") + ") c" + JOIN_CATEGORY
			+ """
					  LEFT JOIN p ON p.agency_code = c.agency_code
					 WHERE cast(:afterRank AS bigint) IS NULL OR (c.rank, c.agency_code) > (:afterRank, :afterCode)
					 ORDER BY c.rank, c.agency_code
					 LIMIT :limit
					""";

	private static final String RANKING_COUNT = rankingCount(":roundId", ":block", ":category", ":publishedOnly");

	/**
	 * The round × block partitions some agencies appear in (optionally of one framework,
	 * year and category), each with the previous round of its framework that ranked the
	 * block, or -1.
	 */
	private static final String PARTS_OF_AGENCIES = """
			WITH parts AS (
			    SELECT DISTINCT s.round_id, s.block, r.framework, r.year
			      FROM assessment_score s JOIN assessment_round r ON r.id = s.round_id
			     WHERE s.agency_code = ANY (:codes)
			       AND (cast(:framework AS text) IS NULL OR r.framework = :framework)
			       AND (cast(:year AS int) IS NULL OR r.year = :year)
			       AND (cast(:category AS text) IS NULL OR s.category_code = :category))
			SELECT p.round_id, p.block,
			       coalesce(assessment_previous_round(p.round_id, p.block), -1) AS previous_round_id
			  FROM parts p
			""";

	/**
	 * The agencies' ranked scores in those partitions, ranked once (the filters on round
	 * and block are pushed below the view's window functions; the filter on agencies
	 * applies after ranking), each joined to its previous rank by
	 * {@code assessment_comparison}, as in {@link #RANKING}.
	 */
	private static final String STANDINGS_OF_AGENCIES = """
			WITH parts AS (
			    SELECT * FROM unnest(cast(:roundIds AS bigint[]), cast(:blocks AS text[]),
			                         cast(:previousIds AS bigint[]))
			        AS w (round_id, block, previous_round_id)),
			ranked AS MATERIALIZED (
			    SELECT * FROM assessment_ranked
			     WHERE round_id = ANY (:roundIds) AND block = ANY (:blocks) AND agency_code = ANY (:codes)),
			earlier AS MATERIALIZED (
			    SELECT w.round_id, w.block, q.category_code, q.agency_code, q.earlier_rank AS rank, e.year,
			           q.earlier_sample AS sample
			      FROM parts w
			      JOIN assessment_round e ON e.id = w.previous_round_id
			     CROSS JOIN LATERAL assessment_comparison(w.round_id, w.block, w.previous_round_id) q
			     WHERE q.agency_code = ANY (:codes) AND q.earlier_rank IS NOT NULL
			       AND NOT (q.earlier_sample AND :publishedOnly))
			SELECT""" + " " + STANDING_COLUMNS + """
			, p.rank AS previous_rank, p.year AS previous_year, p.sample AS previous_sample
			  FROM ranked c
			""" + JOIN_CATEGORY
			+ """
					  JOIN parts w ON w.round_id = c.round_id AND w.block = c.block
					  LEFT JOIN earlier p ON p.round_id = c.round_id AND p.block = c.block AND p.category_code = c.category_code
					   AND p.agency_code = c.agency_code
					 WHERE (cast(:category AS text) IS NULL OR c.category_code = :category) AND NOT (c.sample AND :publishedOnly)
					 ORDER BY c.year, c.framework, c.block, c.agency_code, c.category_position
					""";

	/**
	 * Agencies' scores as stored, without ranks (rank, block size and previous rank left
	 * empty), for requests that ask for none: only the agencies' own rows are read, in no
	 * particular order (callers group and sort them). The rounds are chosen in a subquery
	 * so that PostgreSQL's generic plan (prepared statements switch to it after five
	 * runs) finds them first and then reads the agencies' scores of just those rounds in
	 * one scan of {@code assessment_score_agency_round_block_idx}: 0.6 ms for 100
	 * agencies' DTI 2024 scores, against 6 ms (plus 2 ms of sorting) when the filters sat
	 * on the joined round, which made the plan probe the index once per category.
	 */
	private static final String SCORES_OF_AGENCIES = """
			SELECT s.round_id, r.framework, r.year, s.block, s.category_code, c.position AS category_position, c.max_score,
			       s.agency_code, s.score, s.sample, s.published_rank, s.source, s.note,
			       c.name AS category_name, c.name_en AS category_name_en, c.kind AS category_kind
			  FROM assessment_score s
			  JOIN assessment_round r ON r.id = s.round_id
			  JOIN assessment_category c ON c.round_id = s.round_id AND c.code = s.category_code
			 WHERE s.agency_code = ANY (:codes) AND NOT (s.sample AND :publishedOnly)
			   AND s.round_id IN (SELECT id FROM assessment_round
			                       WHERE (cast(:framework AS text) IS NULL OR framework = :framework)
			                         AND (cast(:year AS int) IS NULL OR year = :year))
			""";

	/**
	 * Box-plot figures per category of a block; percentile_cont interpolates between
	 * neighbouring scores. Computed figures are rounded to the 6 decimals of a stored
	 * score (no float noise such as 0.6543000000000001).
	 */
	private static final String STATISTICS = statistics(":roundId", ":block", ":category", ":publishedOnly");

	/**
	 * An agency and every agency merged into it, directly or through earlier mergers,
	 * with the distance.
	 */
	private static final String LINEAGE = lineage(":code");

	private final DatabaseClient db;

	RankingRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The ranked scores of one round × block × category partition, as
	 * {@code assessment_ranked} computes them: the filters on round, block and category
	 * are pushed below the view's window functions, so only that partition is read and
	 * ranked. With {@code publishedOnly} the generated sample scores are left out after
	 * ranking: the ranks stay those of the whole block. Every argument is an SQL
	 * expression (a placeholder, a bind or a subquery), here and in the other builders
	 * below, which the compiled queries share ({@code RankingSqlJson}).
	 */
	static String partition(String roundId, String block, String category, String publishedOnly) {
		return "SELECT * FROM assessment_ranked WHERE round_id = " + roundId + " AND block = " + block
				+ " AND category_code = " + category + " AND NOT (sample AND " + publishedOnly + ")";
	}

	/**
	 * The previous ranks of a partition's agencies: those of
	 * {@code assessment_comparison} (the previous round's scores of this block's
	 * agencies, a merged province's predecessors' mean, ranked again among them), with
	 * the previous round's year; a generated previous score is left out with
	 * {@code publishedOnly}. Columns: agency_code, rank, year, sample.
	 */
	static String previousRanks(String roundId, String block, String previousRoundId, String category,
			String publishedOnly) {
		return previousRanks(roundId, block, previousRoundId, publishedOnly) + " AND q.category_code = " + category;
	}

	/**
	 * The previous ranks of {@link #previousRanks} in every category; columns:
	 * category_code, agency_code, rank, year, sample.
	 */
	static String previousRanks(String roundId, String block, String previousRoundId, String publishedOnly) {
		return "SELECT q.category_code, q.agency_code, q.earlier_rank AS rank, e.year, q.earlier_sample AS sample"
				+ " FROM assessment_comparison(" + roundId + ", " + block + ", " + previousRoundId + ") q"
				+ " JOIN assessment_round e ON e.id = " + previousRoundId
				+ " WHERE q.earlier_rank IS NOT NULL AND NOT (q.earlier_sample AND " + publishedOnly + ")";
	}

	/**
	 * The agency {@code code} and every agency merged into it, directly or through
	 * earlier mergers, with the distance (0: the agency itself). Columns: code, depth.
	 */
	static String lineage(String code) {
		return "WITH RECURSIVE lineage (code, depth) AS (SELECT code, 0 FROM agency WHERE code = " + code
				+ " UNION ALL SELECT a.code, l.depth + 1 FROM agency a JOIN lineage l ON a.successor_code = l.code"
				+ " WHERE l.depth < 10) SELECT code, min(depth) AS depth FROM lineage GROUP BY code";
	}

	/** How many agencies a ranking lists (its {@code totalCount}). */
	static String rankingCount(String roundId, String block, String category, String publishedOnly) {
		return "SELECT count(*) FROM assessment_score WHERE round_id = " + roundId + " AND block = " + block
				+ " AND category_code = " + category + " AND NOT (sample AND " + publishedOnly + ")";
	}

	/**
	 * Box-plot figures per category of a block (all categories when {@code category} is
	 * NULL), in category order; percentile_cont interpolates between neighbouring scores.
	 * Computed figures are rounded to the 6 decimals of a stored score (no float noise
	 * such as 0.6543000000000001). Columns: category_code, position, count, sample_count,
	 * mean, min, max, q1, median, q3, stddev.
	 */
	static String statistics(String roundId, String block, String category, String publishedOnly) {
		return """
				SELECT s.category_code, c.position, count(*) AS count, count(*) FILTER (WHERE s.sample) AS sample_count,
				       round(avg(s.score), 6) AS mean, min(s.score) AS min, max(s.score) AS max,
				       round(cast(percentile_cont(0.25) WITHIN GROUP (ORDER BY s.score) AS numeric), 6) AS q1,
				       round(cast(percentile_cont(0.5) WITHIN GROUP (ORDER BY s.score) AS numeric), 6) AS median,
				       round(cast(percentile_cont(0.75) WITHIN GROUP (ORDER BY s.score) AS numeric), 6) AS q3,
				       round(stddev_pop(s.score), 6) AS stddev
				  FROM assessment_score s
				  JOIN assessment_category c ON c.round_id = s.round_id AND c.code = s.category_code
				 WHERE s.round_id = """ + roundId + " AND s.block = " + block + " AND NOT (s.sample AND "
				+ publishedOnly + ")\n   AND (cast(" + category + " AS text) IS NULL OR s.category_code = " + category
				+ ")" + "\n GROUP BY s.category_code, c.position\n ORDER BY c.position, s.category_code";
	}

	/**
	 * The id of the round before {@code round} in its framework that ranked
	 * {@code block}, if any.
	 */
	Mono<Long> findPreviousRoundId(AssessmentRound round, Block block) {
		return this.db.sql(PREVIOUS_ROUND)
			.bind("roundId", round.id())
			.bind("block", block.name())
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	Flux<Standing> findRanking(AssessmentRound round, @Nullable Long previousRoundId, Block block, String category,
			boolean publishedOnly, Page page) {
		GenericExecuteSpec spec = this.db.sql(RANKING)
			.bind("roundId", round.id())
			.bind("block", block.name())
			.bind("category", category)
			.bind("publishedOnly", publishedOnly)
			.bind("limit", page.fetchSize());
		spec = Binds.orNull(spec, "previousRoundId", previousRoundId, Long.class);
		if (page.after() != null) {
			spec = spec.bind("afterRank", page.longKey("rank")).bind("afterCode", page.stringKey("agency"));
		}
		else {
			spec = spec.bindNull("afterRank", Long.class).bindNull("afterCode", String.class);
		}
		return spec.map(ranked(new HashMap<>())).all();
	}

	Mono<Long> countRanking(AssessmentRound round, Block block, String category, boolean publishedOnly) {
		return this.db.sql(RANKING_COUNT)
			.bind("roundId", round.id())
			.bind("block", block.name())
			.bind("category", category)
			.bind("publishedOnly", publishedOnly)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/**
	 * Every ranked score of these agencies (optionally of one framework, assessed year
	 * and category), by year, with ranks computed on just the blocks they are in.
	 */
	Flux<Standing> findStandings(Collection<String> agencyCodes, @Nullable Framework framework, @Nullable Integer year,
			@Nullable String category, boolean publishedOnly) {
		String[] codes = agencyCodes.toArray(String[]::new);
		GenericExecuteSpec parts = this.db.sql(PARTS_OF_AGENCIES).bind("codes", codes);
		parts = Binds.orNull(parts, "framework", (framework != null) ? framework.name() : null, String.class);
		parts = Binds.orNull(parts, "year", year, Integer.class);
		return Binds.orNull(parts, "category", category, String.class)
			.map((row) -> new Object[] { row.get("round_id", Long.class), row.get("block", String.class),
					row.get("previous_round_id", Long.class) })
			.all()
			.collectList()
			.flatMapMany((found) -> {
				if (found.isEmpty()) {
					return Flux.empty();
				}
				GenericExecuteSpec spec = this.db.sql(STANDINGS_OF_AGENCIES)
					.bind("codes", codes)
					.bind("publishedOnly", publishedOnly)
					.bind("roundIds", found.stream().map((p) -> (Long) p[0]).toArray(Long[]::new))
					.bind("blocks", found.stream().map((p) -> (String) p[1]).toArray(String[]::new))
					.bind("previousIds", found.stream().map((p) -> (Long) p[2]).toArray(Long[]::new));
				return Binds.orNull(spec, "category", category, String.class).map(ranked(new HashMap<>())).all();
			});
	}

	/**
	 * Every score of these agencies (optionally of one framework and assessed year) as
	 * stored: {@link Standing}s whose rank fields are empty (rank and block size 0, not
	 * tied, no previous rank), in no particular order. Only for requests that select no
	 * ranked field.
	 */
	Flux<Standing> findScores(Collection<String> agencyCodes, @Nullable Framework framework, @Nullable Integer year,
			boolean publishedOnly) {
		GenericExecuteSpec spec = this.db.sql(SCORES_OF_AGENCIES)
			.bind("codes", agencyCodes.toArray(String[]::new))
			.bind("publishedOnly", publishedOnly);
		spec = Binds.orNull(spec, "framework", (framework != null) ? framework.name() : null, String.class);
		return Binds.orNull(spec, "year", year, Integer.class).map(unranked(new HashMap<>())).all();
	}

	Flux<CategoryStatistics> findStatistics(AssessmentRound round, Block block, @Nullable String category,
			boolean publishedOnly) {
		GenericExecuteSpec spec = this.db.sql(STATISTICS)
			.bind("roundId", round.id())
			.bind("block", block.name())
			.bind("publishedOnly", publishedOnly);
		return Binds.orNull(spec, "category", category, String.class)
			.map((row, meta) -> new CategoryStatistics(round.id(), block, row.get("category_code", String.class),
					row.get("count", Long.class).intValue(), row.get("sample_count", Long.class).intValue(),
					row.get("mean", BigDecimal.class), row.get("min", BigDecimal.class),
					row.get("q1", BigDecimal.class), row.get("median", BigDecimal.class),
					row.get("q3", BigDecimal.class), row.get("max", BigDecimal.class),
					row.get("stddev", BigDecimal.class)))
			.all();
	}

	/**
	 * {@code code} and the codes of all agencies merged into it (depth 0 is the agency
	 * itself).
	 */
	Mono<Map<String, Integer>> findLineage(String code) {
		return this.db.sql(LINEAGE)
			.bind("code", code)
			.map((row) -> Map.entry(row.get("code", String.class), row.get("depth", Integer.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Maps the rows of one result to standings with their ranks. {@code categories} holds
	 * the categories already read by this result (one map per statement run).
	 */
	private static BiFunction<Row, RowMetadata, Standing> ranked(Map<String, AssessmentCategory> categories) {
		return (row, meta) -> standing(row, categories, row.get("rank", Long.class).intValue(),
				row.get("block_size", Long.class).intValue(), Boolean.TRUE.equals(row.get("tied", Boolean.class)),
				toInteger(row.get("previous_rank", Long.class)), row.get("previous_year", Integer.class),
				row.get("previous_sample", Boolean.class));
	}

	/** Maps the rows of one result to standings without ranks; see {@link #ranked}. */
	private static BiFunction<Row, RowMetadata, Standing> unranked(Map<String, AssessmentCategory> categories) {
		return (row, meta) -> standing(row, categories, 0, 0, false, null, null, null);
	}

	/**
	 * A standing from the stored columns of a row and the given rank fields; each column
	 * is decoded once. A round's category repeats on every score of it (a page of 100
	 * agencies reads 12 categories 1,039 times): its texts are decoded on its first row
	 * only, and the rows share one {@link AssessmentCategory}.
	 */
	private static Standing standing(Row row, Map<String, AssessmentCategory> categories, int rank, int blockSize,
			boolean tied, @Nullable Integer previousRank, @Nullable Integer previousYear,
			@Nullable Boolean previousSample) {
		long roundId = row.get("round_id", Long.class);
		String categoryCode = row.get("category_code", String.class);
		AssessmentCategory category = categories.computeIfAbsent(roundId + "/" + categoryCode,
				(key) -> new AssessmentCategory(roundId, categoryCode, row.get("category_name", String.class),
						row.get("category_name_en", String.class),
						CategoryKind.valueOf(row.get("category_kind", String.class)),
						row.get("max_score", BigDecimal.class), row.get("category_position", Integer.class)));
		return new Standing(roundId, Framework.valueOf(row.get("framework", String.class)),
				row.get("year", Integer.class), Block.valueOf(row.get("block", String.class)), categoryCode,
				category.position(), category.maxScore(), row.get("agency_code", String.class),
				row.get("score", BigDecimal.class), Boolean.TRUE.equals(row.get("sample", Boolean.class)),
				row.get("published_rank", Integer.class), row.get("source", String.class),
				row.get("note", String.class), rank, blockSize, tied, previousRank, previousYear, previousSample,
				category);
	}

	private static @Nullable Integer toInteger(@Nullable Long value) {
		return (value != null) ? value.intValue() : null;
	}

}
