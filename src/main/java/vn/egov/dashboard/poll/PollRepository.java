package vn.egov.dashboard.poll;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.poll.VoteRejectedException.Reason;
import vn.egov.dashboard.system.Binds;

/**
 * Reads polls with their options in one statement, and records votes. Votes go through
 * {@link PollService}.
 */
@Repository
class PollRepository {

	private static final String FILTER = filter(":site", ":active", ":now");

	/** The polls of the common table {@code polls} with their options and percentages. */
	private static final String WITH_OPTIONS = """
			SELECT p.id, p.site_code, p.question, p.opens_at, p.closes_at, p.note,
			       o.id AS option_id, o.position, o.label, o.votes, o.imported_votes, o.percent
			  FROM polls p LEFT JOIN (%s) o ON o.poll_id = p.id
			 ORDER BY p.id DESC, o.position""".formatted(optionsWithPercents("poll_id IN (SELECT id FROM polls)"));

	private static final String FIND_BY_ID = "WITH polls AS (SELECT * FROM poll WHERE id = :id) " + WITH_OPTIONS;

	private static final String FIND_PAGE = "WITH polls AS (SELECT * FROM poll "
			+ page(":site", ":active", ":now", ":afterId") + " LIMIT :limit) " + WITH_OPTIONS;

	/**
	 * Records the vote and counts it, in one statement, so that the rows it locks are
	 * held only until the commit that follows. The vote is inserted while the poll is
	 * open and only if the voter has no vote in it yet (the primary key decides, also
	 * between concurrent votes: the second waits for the first and inserts nothing). It
	 * is then counted against its address, unless the address has its cap already: that
	 * row is the lock, concurrent votes from one address take turns, and each sees the
	 * count the one before it committed ({@code ON CONFLICT DO UPDATE} reads the latest
	 * version), so the cap cannot be passed. Last, the option's count rises. The answer
	 * says what happened; a vote inserted but over the cap must be rolled back.
	 */
	private static final String VOTE = """
			WITH vote AS (
			    INSERT INTO poll_vote (poll_id, voter, option_id, cast_at)
			    SELECT p.id, :voter, :optionId, :now FROM poll p
			     WHERE p.id = :pollId AND p.opens_at <= :now AND (p.closes_at IS NULL OR p.closes_at > :now)
			    ON CONFLICT (poll_id, voter) DO NOTHING
			    RETURNING option_id
			), address AS (
			    INSERT INTO poll_address AS a (poll_id, address, votes)
			    SELECT :pollId, :address, 1 FROM vote
			    ON CONFLICT (poll_id, address) DO UPDATE SET votes = a.votes + 1 WHERE a.votes < :cap
			    RETURNING votes
			), counted AS (
			    UPDATE poll_option SET votes = votes + 1
			     WHERE id = (SELECT option_id FROM vote) AND EXISTS (SELECT FROM address)
			    RETURNING id
			)
			SELECT (SELECT count(*) FROM vote) AS inserted, (SELECT count(*) FROM counted) AS counted""";

	/**
	 * Votes per local day and option of each range {@code i} (a poll and the instants
	 * [from, to), as epoch seconds).
	 */
	private static final String VOTES_PER_DAY = """
			SELECT r.i, cast(timezone('Asia/Ho_Chi_Minh', v.cast_at) AS date) AS day, v.option_id, count(*) AS votes
			  FROM unnest(cast(:polls AS bigint[]), cast(:froms AS bigint[]), cast(:tos AS bigint[]))
			       WITH ORDINALITY AS r (poll_id, from_at, to_at, i)
			  JOIN poll_vote v ON v.poll_id = r.poll_id AND v.cast_at >= to_timestamp(r.from_at)
			                  AND v.cast_at < to_timestamp(r.to_at)
			 GROUP BY 1, 2, 3""";

	private final DatabaseClient db;

	PollRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<Poll> findById(long id) {
		return polls(this.db.sql(FIND_BY_ID).bind("id", id)).next();
	}

	/** The poll, its row and its options' rows locked until the transaction ends. */
	Mono<Poll> lockById(long id) {
		return this.db.sql("SELECT id FROM poll_option WHERE poll_id = :id ORDER BY id FOR UPDATE")
			.bind("id", id)
			.then()
			.then(polls(this.db.sql("WITH polls AS (SELECT * FROM poll WHERE id = :id FOR UPDATE) " + WITH_OPTIONS)
				.bind("id", id)).next());
	}

	/** Creates a poll with its options, in this order; answers its id. */
	Mono<Long> insert(String siteCode, String question, List<String> options, Instant opensAt,
			@Nullable Instant closesAt, @Nullable String note) {
		GenericExecuteSpec spec = this.db.sql("""
				INSERT INTO poll (site_code, question, opens_at, closes_at, note)
				VALUES (:site, :question, :opensAt, :closesAt, :note) RETURNING id""")
			.bind("site", siteCode)
			.bind("question", question)
			.bind("opensAt", time(opensAt));
		spec = Binds.orNull(spec, "closesAt", (closesAt != null) ? time(closesAt) : null, OffsetDateTime.class);
		return Binds.orNull(spec, "note", note, String.class)
			.map((row) -> row.get(0, Long.class))
			.one()
			.flatMap((id) -> this.db.sql("""
					INSERT INTO poll_option (poll_id, position, label)
					SELECT :id, position, label FROM unnest(:labels) WITH ORDINALITY AS o (label, position)""")
				.bind("id", id)
				.bind("labels", options.toArray(String[]::new))
				.then()
				.thenReturn(id));
	}

	Mono<Void> close(long id, Instant at) {
		return this.db.sql("UPDATE poll SET closes_at = :at WHERE id = :id").bind("id", id).bind("at", time(at)).then();
	}

	/**
	 * Gives the options {@code ids} the labels {@code labels} and positions in this order
	 * (positions are unique, so they are first moved out of the way).
	 */
	Mono<Void> arrangeOptions(long pollId, List<Long> ids, List<String> labels) {
		return this.db.sql("UPDATE poll_option SET position = -position WHERE poll_id = :id")
			.bind("id", pollId)
			.then()
			.then(this.db.sql("""
					UPDATE poll_option o SET position = n.position, label = n.label
					  FROM unnest(:ids, :labels) WITH ORDINALITY AS n (id, label, position)
					 WHERE o.id = n.id AND o.poll_id = :pollId""")
				.bind("pollId", pollId)
				.bind("ids", ids.toArray(Long[]::new))
				.bind("labels", labels.toArray(String[]::new))
				.then());
	}

	/**
	 * The WHERE clause of {@link #find} and {@link #count} over poll, with these
	 * placeholders for the site's code, whether active, and the moment; a null site or
	 * active switches its condition off.
	 */
	static String filter(String site, String active, String now) {
		return """
				WHERE (cast(%1$s AS text) IS NULL OR site_code = %1$s)
				  AND (cast(%2$s AS boolean) IS NULL OR %3$s = %2$s)
				""".formatted(site, active, open("", now));
	}

	/**
	 * {@link #filter} with the polls after the cursor's id ({@code afterId} null: from
	 * the first), newest first; the LIMIT is the caller's.
	 */
	static String page(String site, String active, String now, String afterId) {
		return filter(site, active, now) + """
				  AND (cast(%1$s AS bigint) IS NULL OR id < %1$s)
				ORDER BY id DESC
				""".formatted(afterId);
	}

	/**
	 * Whether the poll {@code prefix} (an alias and a dot, or nothing) takes votes at
	 * {@code now}, as {@link Poll#openAt} says: from its opening (inclusive) to its
	 * closing (exclusive).
	 */
	static String open(String prefix, String now) {
		return "(" + prefix + "opens_at <= " + now + " AND (" + prefix + "closes_at IS NULL OR " + prefix
				+ "closes_at > " + now + "))";
	}

	/**
	 * The options of the polls that {@code where} keeps (a condition on poll_option's
	 * {@code poll_id}), each with its {@code percent}, the whole percent of the poll's
	 * votes by the largest-remainder (Hamilton) method, for both paths: each option gets
	 * the whole part of its exact share, and the points still missing go, one each, to
	 * the largest remainders (ties to the larger count, then the earlier position), so
	 * the percentages add up to exactly 100; an option without votes never gets a point,
	 * and all are 0 while the poll has no votes. Checked against the reference
	 * {@code Percentages} of the tests.
	 */
	static String optionsWithPercents(String where) {
		return """
				SELECT x.*, CASE WHEN x.total = 0 THEN 0 ELSE x.base + CASE WHEN row_number() OVER (PARTITION BY x.poll_id
				            ORDER BY x.remainder DESC, x.votes DESC, x.position) <= 100 - sum(x.base) OVER (PARTITION BY x.poll_id)
				            THEN 1 ELSE 0 END END AS percent
				  FROM (SELECT o.*, t.total, o.votes * 100 / nullif(t.total, 0) AS base,
				               o.votes * 100 %% nullif(t.total, 0) AS remainder
				          FROM (SELECT * FROM poll_option WHERE %1$s) o
				          JOIN (SELECT poll_id, cast(sum(votes) AS bigint) AS total FROM poll_option WHERE %1$s GROUP BY poll_id) t
				            ON t.poll_id = o.poll_id) x"""
			.formatted(where);
	}

	/** One page of polls, newest first; {@code active} compares with {@code now}. */
	Flux<Poll> find(@Nullable String siteCode, @Nullable Boolean active, Instant now, Page page) {
		GenericExecuteSpec spec = filter(this.db.sql(FIND_PAGE), siteCode, active, now).bind("limit", page.fetchSize());
		spec = (page.after() != null) ? spec.bind("afterId", page.longKey("id")) : spec.bindNull("afterId", Long.class);
		return polls(spec);
	}

	Mono<Long> count(@Nullable String siteCode, @Nullable Boolean active, Instant now) {
		return filter(this.db.sql("SELECT count(*) FROM poll " + FILTER), siteCode, active, now)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/** The poll an option belongs to, or empty when no option has that id. */
	Mono<Long> pollOfOption(long optionId) {
		return this.db.sql("SELECT poll_id FROM poll_option WHERE id = :id")
			.bind("id", optionId)
			.map((row) -> row.get("poll_id", Long.class))
			.one();
	}

	/**
	 * Records and counts a vote, in the caller's transaction, or fails with the reason it
	 * cannot be counted ({@code ALREADY_VOTED}, also when the poll closed meanwhile;
	 * {@code ADDRESS_LIMIT}, after inserting a vote the transaction must roll back).
	 * {@code voter} and {@code address} are keyed hashes.
	 */
	Mono<Void> vote(long pollId, long optionId, byte[] voter, byte[] address, int cap, Instant now) {
		return this.db.sql(VOTE)
			.bind("pollId", pollId)
			.bind("optionId", optionId)
			.bind("voter", voter)
			.bind("address", address)
			.bind("cap", cap)
			.bind("now", time(now))
			.map((row) -> new long[] { row.get("inserted", Long.class), row.get("counted", Long.class) })
			.one()
			.flatMap((outcome) -> {
				if (outcome[0] == 0) {
					return Mono.error(new VoteRejectedException(Reason.ALREADY_VOTED, "pollId",
							"has already been answered by this voter; one vote per voter"));
				}
				if (outcome[1] == 0) {
					return Mono.error(new VoteRejectedException(Reason.ADDRESS_LIMIT, "pollId",
							"has had " + cap + " votes from this address, the most one address may add to a poll: "
									+ "people who share an address share this number"));
				}
				return Mono.empty();
			});
	}

	/**
	 * Votes per local day and option of each range: cast in the poll between its
	 * instants, for all of them in one statement.
	 */
	Mono<Map<DayRange, List<DayCount>>> votesPerDay(List<DayRange> ranges) {
		return this.db.sql(VOTES_PER_DAY)
			.bind("polls", ranges.stream().map(DayRange::pollId).toArray(Long[]::new))
			.bind("froms", ranges.stream().map((r) -> r.from().getEpochSecond()).toArray(Long[]::new))
			.bind("tos", ranges.stream().map((r) -> r.to().getEpochSecond()).toArray(Long[]::new))
			.map((row) -> Map.entry(ranges.get(row.get("i", Long.class).intValue() - 1),
					new DayCount(row.get("day", LocalDate.class), row.get("option_id", Long.class),
							row.get("votes", Long.class))))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.map((byRange) -> {
				Map<DayRange, List<DayCount>> counts = new HashMap<>();
				ranges.forEach((range) -> counts.put(range, List.copyOf(byRange.getOrDefault(range, List.of()))));
				return counts;
			});
	}

	/**
	 * A poll's votes from {@code from} to {@code to} (exclusive), whole seconds (local
	 * midnights).
	 */
	record DayRange(long pollId, Instant from, Instant to) {
	}

	record DayCount(LocalDate day, long optionId, long votes) {
	}

	private static GenericExecuteSpec filter(GenericExecuteSpec spec, @Nullable String siteCode,
			@Nullable Boolean active, Instant now) {
		spec = Binds.orNull(spec, "site", siteCode, String.class);
		spec = Binds.orNull(spec, "active", active, Boolean.class);
		return spec.bind("now", time(now));
	}

	/**
	 * Rows of polls joined to their options, ordered by poll, made into polls in the same
	 * order.
	 */
	private static Flux<Poll> polls(GenericExecuteSpec spec) {
		return spec.map((Readable row) -> new Row(row.get("id", Long.class), row.get("site_code", String.class),
				row.get("question", String.class), row.get("opens_at", OffsetDateTime.class),
				row.get("closes_at", OffsetDateTime.class), row.get("note", String.class),
				(row.get("option_id", Long.class) != null)
						? new PollOption(row.get("option_id", Long.class), row.get("position", Integer.class),
								row.get("label", String.class), row.get("votes", Long.class),
								row.get("imported_votes", Long.class), row.get("percent", Long.class).intValue())
						: null))
			.all()
			.collectList()
			.flatMapIterable(PollRepository::group);
	}

	private static List<Poll> group(List<Row> rows) {
		Map<Long, List<Row>> byPoll = new LinkedHashMap<>();
		for (Row row : rows) {
			byPoll.computeIfAbsent(row.id(), (k) -> new ArrayList<>()).add(row);
		}
		List<Poll> polls = new ArrayList<>(byPoll.size());
		for (List<Row> group : byPoll.values()) {
			Row first = group.get(0);
			List<PollOption> options = group.stream().map(Row::option).filter(Objects::nonNull).toList();
			polls.add(new Poll(first.id(), first.siteCode(), first.question(), first.opensAt(), first.closesAt(),
					first.note(), options));
		}
		return polls;
	}

	private record Row(long id, String siteCode, String question, OffsetDateTime opensAt,
			@Nullable OffsetDateTime closesAt, @Nullable String note, @Nullable PollOption option) {
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
