package vn.egov.dashboard.poll;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The percentages PostgreSQL computes ({@link PollRepository#optionsWithPercents}, read
 * by the ordinary and the compiled path) are those of the reference {@link Percentages},
 * for random counts: ties, zeros, single options, large counts.
 */
class PollPercentagesTests extends IntegrationTests {

	@Test
	void shouldComputeThePercentagesOfTheReference() {
		RandomCases.forAll(300, (random) -> {
			List<Long> counts = random.list(1, 8,
					(r) -> r.weighted(1, () -> 0L, 2, () -> r.between(0L, 10L), 2, () -> r.between(0L, 1_000_000L)));
			long[] given = counts.stream().mapToLong(Long::longValue).toArray();
			assertThat(percentsInSql(given)).as(Arrays.toString(given))
				.containsExactly(Arrays.stream(Percentages.of(given)).boxed().toArray(Integer[]::new));
		});
	}

	@Test
	void shouldGiveTheSeedPoll88_8_4() {
		assertThat(percentsInSql(new long[] { 1180, 107, 57 })).containsExactly(88, 8, 4);
		assertThat(percentsInSql(new long[] { 1, 4, 1 })).containsExactly(17, 67, 16);
		assertThat(percentsInSql(new long[] { 0, 0, 0 })).containsExactly(0, 0, 0);
	}

	/**
	 * The statement's percentages of one poll with these counts, in this order: a common
	 * table named poll_option stands for the table.
	 */
	private List<Integer> percentsInSql(long[] counts) {
		return this.db.sql("WITH poll_option AS (SELECT 0 AS id, cast(1 AS bigint) AS poll_id, cast(o.position AS int)"
				+ " AS position, o.votes, cast(0 AS bigint) AS imported_votes"
				+ " FROM unnest(cast(:counts AS bigint[])) WITH ORDINALITY AS o (votes, position)) SELECT x.percent FROM ("
				+ PollRepository.optionsWithPercents("poll_id = 1") + ") x ORDER BY x.position")
			.bind("counts", Arrays.stream(counts).boxed().toArray(Long[]::new))
			.map((row) -> row.get("percent", Long.class).intValue())
			.all()
			.collectList()
			.block();
	}

}
