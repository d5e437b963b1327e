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

import vn.egov.dashboard.system.Binds;

/**
 * Reads and writes frameworks, rounds, categories and scores (ranked reads are in
 * {@link RankingRepository}). Writes are called by {@link AssessmentService} and the demo
 * data only.
 */
@Repository
class AssessmentRepository {

	private static final String ROUND_COLUMNS = "r.id, r.framework, r.year, r.published_on, r.methodology_document_id, r.note, r.imported_at";

	private static final String CATEGORY_COLUMNS = "c.round_id, c.code, c.name, c.name_en, c.kind, c.max_score, c.position";

	private static final String BLOCK_SUMMARIES = blockSummaries("ANY (:ids)");

	private final DatabaseClient db;

	AssessmentRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The blocks of the rounds whose id is {@code = roundIds} (an SQL expression), with
	 * how many agencies and scores each ranks, generated and published; shared with the
	 * compiled queries ({@code AssessmentSqlJson}). Columns: round_id, block, agencies,
	 * scores, sample_scores, published_ranks.
	 */
	static String blockSummaries(String roundIds) {
		return """
				SELECT round_id, block, count(DISTINCT agency_code) AS agencies, count(*) AS scores,
				       count(*) FILTER (WHERE sample) AS sample_scores,
				       count(*) FILTER (WHERE published_rank IS NOT NULL) AS published_ranks
				  FROM assessment_score
				 WHERE round_id = """ + roundIds + "\n GROUP BY round_id, block";
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
		return this.db
			.sql("SELECT " + ROUND_COLUMNS
					+ " FROM assessment_round r WHERE r.framework = :framework AND r.year = :year")
			.bind("framework", framework.name())
			.bind("year", year)
			.map(ROUND)
			.one();
	}

	/**
	 * Rounds ordered by framework then year; all frameworks when {@code framework} is
	 * null.
	 */
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

	/** The categories of a round, in display order. */
	Flux<AssessmentCategory> findCategories(long roundId) {
		return findCategories(List.of(roundId));
	}

	Flux<AssessmentCategory> findCategories(Collection<Long> roundIds) {
		return this.db.sql("SELECT " + CATEGORY_COLUMNS
				+ " FROM assessment_category c WHERE c.round_id = ANY (:ids) ORDER BY c.round_id, c.position, c.code")
			.bind("ids", roundIds.toArray(Long[]::new))
			.map(CATEGORY)
			.all();
	}

	/**
	 * For each round, its blocks with how many agencies and scores, generated and
	 * published.
	 */
	Mono<Map<Long, List<RoundBlock>>> findBlockSummaries(Collection<Long> roundIds) {
		return this.db.sql(BLOCK_SUMMARIES)
			.bind("ids", roundIds.toArray(Long[]::new))
			.map((row, meta) -> new RoundBlock(row.get("round_id", Long.class),
					Block.valueOf(row.get("block", String.class)), row.get("agencies", Long.class).intValue(),
					row.get("scores", Long.class).intValue(), row.get("sample_scores", Long.class).intValue(),
					row.get("published_ranks", Long.class).intValue()))
			.all()
			.collect(Collectors.groupingBy(RoundBlock::roundId,
					Collectors.collectingAndThen(Collectors.toList(),
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
			.map((row, meta) -> new RoundCounts(row.get("round_id", Long.class),
					row.get("scores", Long.class).intValue(), row.get("published", Long.class).intValue(),
					row.get("sample", Long.class).intValue(), row.get("agencies", Long.class).intValue()))
			.all()
			.collectMap(RoundCounts::roundId);
	}

	// Writes: called by AssessmentService, and by AssessmentDemoData on first start.

	Mono<AssessmentRound> insertRound(Framework framework, int year, @Nullable LocalDate publishedOn,
			@Nullable Long methodologyDocumentId, @Nullable String note) {
		GenericExecuteSpec spec = this.db.sql("""
				INSERT INTO assessment_round AS r (framework, year, published_on, methodology_document_id, note)
				VALUES (:framework, :year, :publishedOn, :methodologyDocumentId, :note)
				ON CONFLICT (framework, year) DO UPDATE
				   SET published_on = excluded.published_on, methodology_document_id = excluded.methodology_document_id,
				       note = excluded.note
				RETURNING """ + " " + ROUND_COLUMNS).bind("framework", framework.name()).bind("year", year);
		spec = Binds.orNull(spec, "publishedOn", publishedOn, LocalDate.class);
		spec = Binds.orNull(spec, "methodologyDocumentId", methodologyDocumentId, Long.class);
		return Binds.orNull(spec, "note", note, String.class).map(ROUND).one();
	}

	/**
	 * Locks the round until the transaction ends, so that imports of one round run one
	 * after the other.
	 */
	Mono<AssessmentRound> lockRound(Framework framework, int year) {
		return this.db
			.sql("SELECT " + ROUND_COLUMNS
					+ " FROM assessment_round r WHERE r.framework = :framework AND r.year = :year FOR UPDATE")
			.bind("framework", framework.name())
			.bind("year", year)
			.map(ROUND)
			.one();
	}

	/** The highest score of each category of the round that has scores. */
	Mono<Map<String, BigDecimal>> findHighestScores(long roundId) {
		return this.db.sql(
				"SELECT category_code, max(score) AS highest FROM assessment_score WHERE round_id = :roundId GROUP BY category_code")
			.bind("roundId", roundId)
			.map((row) -> Map.entry(row.get("category_code", String.class), row.get("highest", BigDecimal.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Removes the round's categories other than {@code keep}; the caller has checked they
	 * have no scores.
	 */
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

	/** The scores a round holds. */
	Flux<ScoreKey> findScoreKeys(long roundId) {
		return this.db.sql("SELECT block, agency_code, category_code FROM assessment_score WHERE round_id = :roundId")
			.bind("roundId", roundId)
			.map((row) -> new ScoreKey(Block.valueOf(row.get("block", String.class)),
					row.get("agency_code", String.class), row.get("category_code", String.class)))
			.all();
	}

	/** Deletes the scores of a round, or of one of its blocks. */
	Mono<Long> deleteScores(long roundId, @Nullable Block block) {
		return Binds
			.orNull(this.db.sql("""
					DELETE FROM assessment_score
					 WHERE round_id = :roundId AND (cast(:block AS text) IS NULL OR block = :block)"""), "block",
					(block != null) ? block.name() : null, String.class)
			.bind("roundId", roundId)
			.fetch()
			.rowsUpdated();
	}

	/** Writes all rows with one statement. */
	Mono<Long> insertScores(long roundId, List<ScoreRow> rows) {
		if (rows.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db
			.sql("""
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

	private static final BiFunction<Row, RowMetadata, AssessmentCategory> CATEGORY = (row,
			meta) -> new AssessmentCategory(row.get("round_id", Long.class), row.get("code", String.class),
					row.get("name", String.class), row.get("name_en", String.class),
					CategoryKind.valueOf(row.get("kind", String.class)), row.get("max_score", BigDecimal.class),
					row.get("position", Integer.class));

}
