package vn.egov.dashboard.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

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
 * Reads frameworks, rounds, categories and ranked scores. Ranks come from the {@code assessment_ranked} view
 * (window functions); statistics from {@code percentile_cont}. Writes go through {@link AssessmentService}.
 */
@Repository
class AssessmentRepository {

	private static final String ROUND_COLUMNS = "r.id, r.framework, r.year, r.published_on, r.methodology_document_id, r.note, r.imported_at";

	private static final String CATEGORY_COLUMNS = "c.round_id, c.code, c.name, c.name_en, c.kind, c.max_score, c.position";

	private static final String STANDING_COLUMNS = """
			c.round_id, c.framework, c.year, c.block, c.category_code, c.category_position, c.max_score, c.agency_code,
			c.score, c.sample,
			c.published_rank, c.source, c.note, c.rank, c.block_size, c.tied""";

	/**
	 * The latest earlier round of the same framework that ranked the block: what rank changes compare against
	 * (VIETNAM_ICT_INDEX 2023 compares with 2020, the last round before it).
	 */
	private static final String PREVIOUS_ROUND = """
			SELECT r.id, r.year FROM assessment_round r
			 WHERE r.framework = :framework AND r.year < :year
			   AND EXISTS (SELECT 1 FROM assessment_score s WHERE s.round_id = r.id AND s.block = :block)
			 ORDER BY r.year DESC
			 LIMIT 1
			""";

	/**
	 * One page of a block's ranking. Both the current and the previous round's ranks are computed by the view
	 * on just their own partition: the filters on round, block and category are pushed below the window.
	 */
	private static final String RANKING = "SELECT " + STANDING_COLUMNS + """
			, p.rank AS previous_rank, p.year AS previous_year, p.sample AS previous_sample
			  FROM assessment_ranked c
			  LEFT JOIN (SELECT agency_code, rank, year, sample FROM assessment_ranked
			              WHERE round_id = :previousRoundId AND block = :block AND category_code = :category) p
			    ON p.agency_code = c.agency_code
			 WHERE c.round_id = :roundId AND c.block = :block AND c.category_code = :category
			   AND (cast(:afterRank AS bigint) IS NULL OR (c.rank, c.agency_code) > (:afterRank, :afterCode))
			 ORDER BY c.rank, c.agency_code
			 LIMIT :limit
			""";

	private static final String RANKING_COUNT = """
			SELECT count(*) FROM assessment_score WHERE round_id = :roundId AND block = :block AND category_code = :category
			""";

	/**
	 * The round × block partitions some agencies appear in (optionally of one framework and category), each with
	 * the previous round of its framework that ranked the block, or -1.
	 */
	private static final String PARTS_OF_AGENCIES = """
			WITH parts AS (
			    SELECT DISTINCT s.round_id, s.block, r.framework, r.year
			      FROM assessment_score s JOIN assessment_round r ON r.id = s.round_id
			     WHERE s.agency_code = ANY (:codes)
			       AND (cast(:framework AS text) IS NULL OR r.framework = :framework)
			       AND (cast(:category AS text) IS NULL OR s.category_code = :category))
			SELECT p.round_id, p.block,
			       coalesce((SELECT e.id FROM assessment_round e
			                  WHERE e.framework = p.framework AND e.year < p.year
			                    AND EXISTS (SELECT 1 FROM assessment_score s WHERE s.round_id = e.id AND s.block = p.block)
			                  ORDER BY e.year DESC LIMIT 1), -1) AS previous_round_id
			  FROM parts p
			""";

	/**
	 * The agencies' ranked scores in those partitions and in the previous rounds', ranked once (the filters on
	 * round and block are pushed below the view's window functions; the filter on agencies applies after
	 * ranking), then each joined to its previous round's row.
	 */
	private static final String STANDINGS_OF_AGENCIES = """
			WITH ranked AS MATERIALIZED (
			    SELECT * FROM assessment_ranked
			     WHERE round_id = ANY (:allRoundIds) AND block = ANY (:blocks) AND agency_code = ANY (:codes))
			SELECT""" + " " + STANDING_COLUMNS + """
			, p.rank AS previous_rank, p.year AS previous_year, p.sample AS previous_sample
			  FROM ranked c
			  JOIN unnest(cast(:roundIds AS bigint[]), cast(:blocks AS text[]), cast(:previousIds AS bigint[]))
			       AS w (round_id, block, previous_round_id) ON w.round_id = c.round_id AND w.block = c.block
			  LEFT JOIN ranked p
			    ON p.round_id = w.previous_round_id AND p.block = c.block AND p.category_code = c.category_code
			   AND p.agency_code = c.agency_code
			 WHERE cast(:category AS text) IS NULL OR c.category_code = :category
			 ORDER BY c.year, c.framework, c.block, c.agency_code, c.category_position
			""";

	/** Box-plot figures per category of a block; percentile_cont interpolates between neighbouring scores. */
	private static final String STATISTICS = """
			SELECT s.category_code, count(*) AS count, count(*) FILTER (WHERE s.sample) AS sample_count,
			       avg(s.score) AS mean, min(s.score) AS min, max(s.score) AS max,
			       percentile_cont(0.25) WITHIN GROUP (ORDER BY s.score) AS q1,
			       percentile_cont(0.5) WITHIN GROUP (ORDER BY s.score) AS median,
			       percentile_cont(0.75) WITHIN GROUP (ORDER BY s.score) AS q3,
			       stddev_pop(s.score) AS stddev
			  FROM assessment_score s
			  JOIN assessment_category c ON c.round_id = s.round_id AND c.code = s.category_code
			 WHERE s.round_id = :roundId AND s.block = :block
			   AND (cast(:category AS text) IS NULL OR s.category_code = :category)
			 GROUP BY s.category_code, c.position
			 ORDER BY c.position, s.category_code
			""";

	private static final String BLOCK_SUMMARIES = """
			SELECT round_id, block, count(DISTINCT agency_code) AS agencies, count(*) AS scores,
			       count(*) FILTER (WHERE sample) AS sample_scores,
			       count(*) FILTER (WHERE published_rank IS NOT NULL) AS published_ranks
			  FROM assessment_score
			 WHERE round_id = ANY (:ids)
			 GROUP BY round_id, block
			""";

	/** An agency and every agency merged into it, directly or through earlier mergers, with the distance. */
	private static final String LINEAGE = """
			WITH RECURSIVE lineage (code, depth) AS (
			    SELECT code, 0 FROM agency WHERE code = :code
			    UNION ALL
			    SELECT a.code, l.depth + 1 FROM agency a JOIN lineage l ON a.successor_code = l.code WHERE l.depth < 10)
			SELECT code, min(depth) AS depth FROM lineage GROUP BY code
			""";

	private final DatabaseClient db;

	AssessmentRepository(DatabaseClient db) {
		this.db = db;
	}

	Flux<AssessmentFramework> findFrameworks() {
		return this.db.sql("SELECT code, name, name_en, publisher, description FROM assessment_framework")
			.map((row, meta) -> new AssessmentFramework(Framework.valueOf(row.get("code", String.class)),
					row.get("name", String.class), row.get("name_en", String.class), row.get("publisher", String.class),
					row.get("description", String.class)))
			.all()
			.sort((a, b) -> a.code().compareTo(b.code()));
	}

	Mono<AssessmentRound> findRound(Framework framework, int year) {
		return this.db.sql("SELECT " + ROUND_COLUMNS + " FROM assessment_round r WHERE r.framework = :framework AND r.year = :year")
			.bind("framework", framework.name())
			.bind("year", year)
			.map(ROUND)
			.one();
	}

	/** Rounds ordered by framework then year; all frameworks when {@code framework} is null. */
	Flux<AssessmentRound> findRounds(@Nullable Framework framework) {
		GenericExecuteSpec spec = this.db.sql("SELECT " + ROUND_COLUMNS + """
				 FROM assessment_round r
				WHERE cast(:framework AS text) IS NULL OR r.framework = :framework
				ORDER BY array_position(ARRAY['ICT_APPLICATION', 'VIETNAM_ICT_INDEX', 'DTI'], r.framework), r.year""");
		return Binds.orNull(spec, "framework", (framework != null) ? framework.name() : null, String.class)
			.map(ROUND)
			.all();
	}

	Flux<AssessmentRound> findRoundsByIds(Collection<Long> ids) {
		return this.db.sql("SELECT " + ROUND_COLUMNS + " FROM assessment_round r WHERE r.id = ANY (:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.map(ROUND)
			.all();
	}

	/** The round before {@code round} in its framework that ranked {@code block}, if any. */
	Mono<AssessmentRound> findPreviousRound(AssessmentRound round, Block block) {
		return this.db.sql(PREVIOUS_ROUND)
			.bind("framework", round.framework().name())
			.bind("year", round.year())
			.bind("block", block.name())
			.map((row) -> row.get("id", Long.class))
			.one()
			.flatMap((id) -> findRoundsByIds(List.of(id)).next());
	}

	/** The categories of a round, in display order. */
	Flux<AssessmentCategory> findCategories(long roundId) {
		return findCategories(List.of(roundId));
	}

	Flux<AssessmentCategory> findCategories(Collection<Long> roundIds) {
		return this.db.sql("SELECT " + CATEGORY_COLUMNS + " FROM assessment_category c WHERE c.round_id = ANY (:ids) ORDER BY c.round_id, c.position, c.code")
			.bind("ids", roundIds.toArray(Long[]::new))
			.map(CATEGORY)
			.all();
	}

	Flux<Standing> findRanking(AssessmentRound round, @Nullable AssessmentRound previous, Block block,
			String category, Page page) {
		GenericExecuteSpec spec = this.db.sql(RANKING)
			.bind("roundId", round.id())
			.bind("block", block.name())
			.bind("category", category)
			.bind("limit", page.fetchSize());
		spec = Binds.orNull(spec, "previousRoundId", (previous != null) ? previous.id() : null, Long.class);
		if (page.after() != null) {
			spec = spec.bind("afterRank", page.longKey("rank")).bind("afterCode", page.stringKey("agency"));
		}
		else {
			spec = spec.bindNull("afterRank", Long.class).bindNull("afterCode", String.class);
		}
		return spec.map(STANDING).all();
	}

	Mono<Long> countRanking(AssessmentRound round, Block block, String category) {
		return this.db.sql(RANKING_COUNT)
			.bind("roundId", round.id())
			.bind("block", block.name())
			.bind("category", category)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/** Every ranked score of these agencies, by year, with ranks computed on just the blocks they are in. */
	Flux<Standing> findStandings(Collection<String> agencyCodes, @Nullable Framework framework,
			@Nullable String category) {
		String[] codes = agencyCodes.toArray(String[]::new);
		GenericExecuteSpec parts = this.db.sql(PARTS_OF_AGENCIES).bind("codes", codes);
		parts = Binds.orNull(parts, "framework", (framework != null) ? framework.name() : null, String.class);
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
					.bind("roundIds", found.stream().map((p) -> (Long) p[0]).toArray(Long[]::new))
					.bind("blocks", found.stream().map((p) -> (String) p[1]).toArray(String[]::new))
					.bind("previousIds", found.stream().map((p) -> (Long) p[2]).toArray(Long[]::new))
					.bind("allRoundIds", found.stream()
						.flatMap((p) -> java.util.stream.Stream.of((Long) p[0], (Long) p[2]))
						.distinct()
						.toArray(Long[]::new));
				return Binds.orNull(spec, "category", category, String.class).map(STANDING).all();
			});
	}

	Flux<CategoryStatistics> findStatistics(AssessmentRound round, Block block, @Nullable String category) {
		GenericExecuteSpec spec = this.db.sql(STATISTICS).bind("roundId", round.id()).bind("block", block.name());
		return Binds.orNull(spec, "category", category, String.class)
			.map((row, meta) -> new CategoryStatistics(round.id(), block, row.get("category_code", String.class),
					row.get("count", Long.class).intValue(), row.get("sample_count", Long.class).intValue(),
					row.get("mean", BigDecimal.class).doubleValue(), row.get("min", BigDecimal.class).doubleValue(),
					row.get("q1", Double.class), row.get("median", Double.class), row.get("q3", Double.class),
					row.get("max", BigDecimal.class).doubleValue(), row.get("stddev", BigDecimal.class).doubleValue()))
			.all();
	}

	/** For each round, its blocks with how many agencies and scores, generated and published. */
	Mono<Map<Long, List<RoundBlock>>> findBlockSummaries(Collection<Long> roundIds) {
		return this.db.sql(BLOCK_SUMMARIES)
			.bind("ids", roundIds.toArray(Long[]::new))
			.map((row, meta) -> new RoundBlock(row.get("round_id", Long.class), Block.valueOf(row.get("block", String.class)),
					row.get("agencies", Long.class).intValue(), row.get("scores", Long.class).intValue(),
					row.get("sample_scores", Long.class).intValue(), row.get("published_ranks", Long.class).intValue()))
			.all()
			.collect(Collectors.groupingBy(RoundBlock::roundId, Collectors.collectingAndThen(Collectors.toList(),
					(blocks) -> blocks.stream()
						.sorted((a, b) -> Integer.compare(a.block().ordinal(), b.block().ordinal()))
						.toList())));
	}

	Mono<Map<Long, RoundCounts>> findRoundCounts(Collection<Long> roundIds) {
		return this.db.sql("""
				SELECT round_id, count(*) AS scores, count(*) FILTER (WHERE NOT sample) AS published,
				       count(*) FILTER (WHERE sample) AS sample, count(DISTINCT agency_code) AS agencies
				  FROM assessment_score WHERE round_id = ANY (:ids) GROUP BY round_id""")
			.bind("ids", roundIds.toArray(Long[]::new))
			.map((row, meta) -> new RoundCounts(row.get("round_id", Long.class), row.get("scores", Long.class).intValue(),
					row.get("published", Long.class).intValue(), row.get("sample", Long.class).intValue(),
					row.get("agencies", Long.class).intValue()))
			.all()
			.collectMap(RoundCounts::roundId);
	}

	/** {@code code} and the codes of all agencies merged into it (depth 0 is the agency itself). */
	Mono<Map<String, Integer>> findLineage(String code) {
		return this.db.sql(LINEAGE)
			.bind("code", code)
			.map((row) -> Map.entry(row.get("code", String.class), row.get("depth", Integer.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	// Writes: called by AssessmentService only.

	Mono<AssessmentRound> insertRound(Framework framework, int year, @Nullable LocalDate publishedOn,
			@Nullable Long methodologyDocumentId, @Nullable String note) {
		GenericExecuteSpec spec = this.db.sql("""
				INSERT INTO assessment_round AS r (framework, year, published_on, methodology_document_id, note)
				VALUES (:framework, :year, :publishedOn, :methodologyDocumentId, :note)
				ON CONFLICT (framework, year) DO UPDATE
				   SET published_on = excluded.published_on, methodology_document_id = excluded.methodology_document_id,
				       note = excluded.note
				RETURNING """ + " " + ROUND_COLUMNS)
			.bind("framework", framework.name())
			.bind("year", year);
		spec = Binds.orNull(spec, "publishedOn", publishedOn, LocalDate.class);
		spec = Binds.orNull(spec, "methodologyDocumentId", methodologyDocumentId, Long.class);
		return Binds.orNull(spec, "note", note, String.class).map(ROUND).one();
	}

	/** Locks the round until the transaction ends, so that imports of one round run one after the other. */
	Mono<AssessmentRound> lockRound(Framework framework, int year) {
		return this.db.sql("SELECT " + ROUND_COLUMNS + " FROM assessment_round r WHERE r.framework = :framework AND r.year = :year FOR UPDATE")
			.bind("framework", framework.name())
			.bind("year", year)
			.map(ROUND)
			.one();
	}

	/** The highest score of each category of the round that has scores. */
	Mono<Map<String, BigDecimal>> findHighestScores(long roundId) {
		return this.db.sql("SELECT category_code, max(score) AS highest FROM assessment_score WHERE round_id = :roundId GROUP BY category_code")
			.bind("roundId", roundId)
			.map((row) -> Map.entry(row.get("category_code", String.class), row.get("highest", BigDecimal.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** Removes the round's categories other than {@code keep}; the caller has checked they have no scores. */
	Mono<Long> deleteCategoriesExcept(long roundId, Collection<String> keep) {
		return this.db.sql("DELETE FROM assessment_category WHERE round_id = :roundId AND NOT (code = ANY (:keep))")
			.bind("roundId", roundId)
			.bind("keep", keep.toArray(String[]::new))
			.fetch()
			.rowsUpdated();
	}

	/** Inserts the categories, or updates those the round already has. */
	Mono<Long> saveCategories(long roundId, List<AssessmentCategory> categories) {
		GenericExecuteSpec spec = this.db.sql("""
				INSERT INTO assessment_category (round_id, code, name, name_en, kind, max_score, position)
				SELECT :roundId, * FROM unnest(:codes, :names, :namesEn, :kinds, :maxima, :positions)
				ON CONFLICT (round_id, code) DO UPDATE
				   SET name = excluded.name, name_en = excluded.name_en, kind = excluded.kind,
				       max_score = excluded.max_score, position = excluded.position""")
			.bind("roundId", roundId)
			.bind("codes", categories.stream().map(AssessmentCategory::code).toArray(String[]::new))
			.bind("names", categories.stream().map(AssessmentCategory::name).toArray(String[]::new))
			.bind("namesEn", categories.stream().map(AssessmentCategory::nameEn).toArray(String[]::new))
			.bind("kinds", categories.stream().map((c) -> c.kind().name()).toArray(String[]::new))
			.bind("maxima", categories.stream().map(AssessmentCategory::maxScore).toArray(BigDecimal[]::new))
			.bind("positions", categories.stream().map(AssessmentCategory::position).toArray(Integer[]::new));
		return spec.fetch().rowsUpdated();
	}

	Mono<Long> deleteScores(long roundId) {
		return this.db.sql("DELETE FROM assessment_score WHERE round_id = :roundId")
			.bind("roundId", roundId)
			.fetch()
			.rowsUpdated();
	}

	/** Writes all rows with one statement. */
	Mono<Long> insertScores(long roundId, List<ScoreRow> rows) {
		if (rows.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db.sql("""
				INSERT INTO assessment_score (round_id, block, agency_code, category_code, score, sample, published_rank, source, note)
				SELECT :roundId, * FROM unnest(:blocks, :agencies, :categories, :scores, :samples, :ranks, :sources, :notes)""")
			.bind("roundId", roundId)
			.bind("blocks", rows.stream().map((r) -> r.block().name()).toArray(String[]::new))
			.bind("agencies", rows.stream().map(ScoreRow::agencyCode).toArray(String[]::new))
			.bind("categories", rows.stream().map(ScoreRow::categoryCode).toArray(String[]::new))
			.bind("scores", rows.stream().map(ScoreRow::score).toArray(BigDecimal[]::new))
			.bind("samples", rows.stream().map(ScoreRow::sample).toArray(Boolean[]::new))
			.bind("ranks", rows.stream().map(ScoreRow::publishedRank).toArray(Integer[]::new))
			.bind("sources", rows.stream().map(ScoreRow::source).toArray(String[]::new))
			.bind("notes", rows.stream().map(ScoreRow::note).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
	}

	Mono<Long> markImported(long roundId, OffsetDateTime at) {
		return this.db.sql("UPDATE assessment_round SET imported_at = :at WHERE id = :roundId")
			.bind("roundId", roundId)
			.bind("at", at)
			.fetch()
			.rowsUpdated();
	}

	private static final BiFunction<Row, RowMetadata, AssessmentRound> ROUND = (row, meta) -> new AssessmentRound(
			row.get("id", Long.class), Framework.valueOf(row.get("framework", String.class)),
			row.get("year", Integer.class), row.get("published_on", LocalDate.class),
			row.get("methodology_document_id", Long.class), row.get("note", String.class),
			row.get("imported_at", OffsetDateTime.class));

	private static final BiFunction<Row, RowMetadata, AssessmentCategory> CATEGORY = (row, meta) -> new AssessmentCategory(
			row.get("round_id", Long.class), row.get("code", String.class), row.get("name", String.class),
			row.get("name_en", String.class), CategoryKind.valueOf(row.get("kind", String.class)),
			row.get("max_score", BigDecimal.class), row.get("position", Integer.class));

	private static final BiFunction<Row, RowMetadata, Standing> STANDING = (row, meta) -> new Standing(
			row.get("round_id", Long.class), Framework.valueOf(row.get("framework", String.class)),
			row.get("year", Integer.class), Block.valueOf(row.get("block", String.class)),
			row.get("category_code", String.class), row.get("category_position", Integer.class),
			row.get("max_score", BigDecimal.class), row.get("agency_code", String.class), row.get("score", BigDecimal.class), Boolean.TRUE.equals(row.get("sample", Boolean.class)),
			row.get("published_rank", Integer.class), row.get("source", String.class), row.get("note", String.class),
			row.get("rank", Long.class).intValue(), row.get("block_size", Long.class).intValue(),
			Boolean.TRUE.equals(row.get("tied", Boolean.class)), toInteger(row.get("previous_rank", Long.class)),
			row.get("previous_year", Integer.class), row.get("previous_sample", Boolean.class));

	private static @Nullable Integer toInteger(@Nullable Long value) {
		return (value != null) ? value.intValue() : null;
	}

}
