package vn.egov.dashboard.assessment;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Who improved most: a block's scores in one round against an earlier round, by
 * {@code assessment_comparison}, sorted in SQL.
 */
@Repository
class RankChangeRepository {

	/**
	 * The block's scores in the category with their earlier standing (left out where it
	 * is generated and only published scores are asked for), sorted by the change asked
	 * for, agencies without an earlier standing last, then by code.
	 */
	private static final String CHANGES = changes(":roundId", ":fromRoundId", ":block", ":category", ":publishedOnly",
			":byScore", ":sign");

	private final DatabaseClient db;

	RankChangeRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The statement of {@link #CHANGES}, every argument an SQL expression (a placeholder
	 * or a bind): {@link #changeRows} in the order of {@link #changeOrder}.
	 */
	static String changes(String roundId, String fromRoundId, String block, String category, String publishedOnly,
			String byScore, String sign) {
		return "SELECT * FROM (" + changeRows(roundId, fromRoundId, block, category, publishedOnly) + ") x ORDER BY "
				+ changeOrder("x", byScore, sign);
	}

	/**
	 * The block's scores in the category with their earlier standing, in no order; shared
	 * with the compiled queries ({@code RankingSqlJson}). Columns: agency_code, rank,
	 * score, sample, block_size, earlier_block, compared (false where there is nothing to
	 * compare with, or only a generated score and published ones were asked for),
	 * earlier_rank, earlier_score, earlier_sample, earlier_agencies.
	 */
	static String changeRows(String roundId, String fromRoundId, String block, String category, String publishedOnly) {
		return "SELECT c.agency_code, c.rank, c.score, c.sample, c.block_size, q.earlier_block,"
				+ " p.published AND q.earlier_rank IS NOT NULL AS compared,"
				+ " q.earlier_rank, q.earlier_score, q.earlier_sample, q.earlier_agencies"
				+ " FROM assessment_ranked c JOIN assessment_comparison(" + roundId + ", " + block + ", " + fromRoundId
				+ ") q ON q.category_code = c.category_code AND q.agency_code = c.agency_code"
				+ " CROSS JOIN LATERAL (SELECT NOT (q.earlier_sample AND " + publishedOnly + ") AS published) p"
				+ " WHERE c.round_id = " + roundId + " AND c.block = " + block + " AND c.category_code = " + category
				+ " AND NOT (c.sample AND " + publishedOnly + ")";
	}

	/**
	 * The order of rows {@code x} of {@link #changeRows}: by the change asked for
	 * ({@code byScore}, a boolean; {@code sign} 1 for the biggest gains first, -1 for the
	 * biggest falls), agencies without an earlier standing last, then by code.
	 */
	static String changeOrder(String x, String byScore, String sign) {
		return "CASE WHEN NOT " + x + ".compared THEN NULL WHEN " + byScore + " THEN (" + x + ".score - " + x
				+ ".earlier_score) * " + sign + " ELSE (" + x + ".earlier_rank - " + x + ".rank) * " + sign
				+ " END DESC NULLS LAST, " + x + ".agency_code";
	}

	Flux<RankChange> findChanges(AssessmentRound round, AssessmentRound from, Block block, String category,
			RankChangeSort sortBy, SortDirection direction, boolean publishedOnly) {
		return this.db.sql(CHANGES)
			.bind("roundId", round.id())
			.bind("fromRoundId", from.id())
			.bind("block", block.name())
			.bind("category", category)
			.bind("publishedOnly", publishedOnly)
			.bind("byScore", sortBy == RankChangeSort.SCORE_CHANGE)
			.bind("sign", (direction == SortDirection.DESC) ? 1 : -1)
			.map((row) -> {
				boolean compared = Boolean.TRUE.equals(row.get("compared", Boolean.class));
				String earlierBlock = row.get("earlier_block", String.class);
				String[] agencies = row.get("earlier_agencies", String[].class);
				Long earlierRank = row.get("earlier_rank", Long.class);
				return new RankChange(row.get("agency_code", String.class), block,
						row.get("rank", Long.class).intValue(), row.get("score", BigDecimal.class),
						Boolean.TRUE.equals(row.get("sample", Boolean.class)),
						row.get("block_size", Long.class).intValue(), from.year(),
						(earlierBlock != null) ? Block.valueOf(earlierBlock) : null,
						(compared && earlierRank != null) ? earlierRank.intValue() : null,
						compared ? row.get("earlier_score", BigDecimal.class) : null,
						compared ? row.get("earlier_sample", Boolean.class) : null,
						(compared && agencies != null) ? Arrays.asList(agencies) : List.of());
			})
			.all();
	}

}
