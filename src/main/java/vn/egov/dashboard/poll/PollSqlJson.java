package vn.egov.dashboard.poll;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;

import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJson.NotCompilable;
import vn.egov.dashboard.compiled.SqlJsonType;
import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.traffic.Granularity;

import static vn.egov.dashboard.compiled.SqlJsonType.column;
import static vn.egov.dashboard.compiled.SqlJsonType.dateTime;
import static vn.egov.dashboard.compiled.SqlJsonType.literal;

/**
 * {@code poll}, {@code polls} and the fields of {@code Poll}, {@code PollOption},
 * {@code PollDay} and {@code PollOptionDay} in SQL, for compiled queries: the rows,
 * filters, order and cursors of {@link PollRepository}, whose SQL they share, and the
 * options' percentages as {@link PollRepository#optionsWithPercents} computes them. No
 * field of a poll depends on the visitor: {@code castVote} (a mutation) is the only one
 * that reads the cookie.
 */
@Configuration(proxyBeanMethods = false)
class PollSqlJson {

	@Bean
	SqlJsonType pollQueries(CursorStrategy<ScrollPosition> cursors, Clock clock) {
		return new SqlJsonType("Query",
				Map.of("poll", (field, row) -> field.one("Poll", "poll", "id", field.bind(field.id("id"), Long.class)),
						"polls", (field, row) -> polls(field, cursors, clock)),
				Map.of("poll", Set.of("id"), "polls", Set.of("siteCode", "active", "first", "after")));
	}

	/** A row of poll. */
	@Bean
	SqlJsonType pollFields(Clock clock) {
		return new SqlJsonType("Poll",
				Map.ofEntries(Map.entry("id", (field, row) -> SqlJson.string(row + ".id::text")),
						column("question", "question"), column("note", "note"), dateTime("opensAt", "opens_at"),
						dateTime("closesAt", "closes_at"),
						Map.entry("active",
								(field, row) -> SqlJson.literal(PollRepository.open(row + ".", now(field, clock)))),
						Map.entry("totalVotes", (field, row) -> sum("votes", row)),
						Map.entry("importedVotes", (field, row) -> sum("imported_votes", row)),
						Map.entry("site", (field, row) -> field.one("Site", "site", "code", row + ".site_code")),
						Map.entry("options", (field, row) -> {
							String option = field.alias();
							return SqlJson.list(field.object("PollOption", option), "FROM ("
									+ PollRepository.optionsWithPercents("poll_id = " + row + ".id") + ") " + option,
									option + ".position");
						}), Map.entry("votesPerDay", PollSqlJson::votesPerDay)),
				Map.of("votesPerDay", Set.of("from", "to")));
	}

	/** A row of poll_option with its {@code percent}. */
	@Bean
	SqlJsonType pollOptionFields() {
		return new SqlJsonType("PollOption",
				Map.ofEntries(Map.entry("id", (field, row) -> SqlJson.string(row + ".id::text")),
						column("label", "label"), literal("votes", "votes"), literal("importedVotes", "imported_votes"),
						literal("percent", "percent")));
	}

	/**
	 * A local day of a poll: a row of (day, poll_id, day_start, day_end), the day's
	 * instants [day_start, day_end).
	 */
	@Bean
	SqlJsonType pollDayFields() {
		return new SqlJsonType("PollDay", Map.ofEntries(column("date", "day"),
				Map.entry("votes", (field, row) -> votes(field, row, "")), Map.entry("options", (field, row) -> {
					String option = field.alias();
					String day = field.alias();
					return SqlJson.list(field.object("PollOptionDay", day),
							"FROM (SELECT " + option + ".id, " + option + ".label, " + option + ".position, " + option
									+ ".poll_id, " + row + ".day_start, " + row + ".day_end FROM poll_option " + option
									+ " WHERE " + option + ".poll_id = " + row + ".poll_id) " + day,
							day + ".position");
				})));
	}

	/**
	 * An option on a day: a row of (id, label, position, poll_id, day_start, day_end).
	 */
	@Bean
	SqlJsonType pollOptionDayFields() {
		return new SqlJsonType("PollOptionDay",
				Map.ofEntries(Map.entry("optionId", (field, row) -> SqlJson.string(row + ".id::text")),
						column("label", "label"),
						Map.entry("votes", (field, row) -> votes(field, row, " AND option_id = " + row + ".id"))));
	}

	/**
	 * One entry per local day from {@code from} to {@code to}, as
	 * {@link PollController#votesPerDay} answers; an omitted end (its default depends on
	 * the poll) or a range it refuses is left to the ordinary path, which reads the votes
	 * of every poll of a level in one statement.
	 */
	private static String votesPerDay(SqlJson.Field field, String poll) {
		LocalDate from = (LocalDate) field.argument("from");
		LocalDate to = (LocalDate) field.argument("to");
		if (from == null || to == null || to.isBefore(from)
				|| ChronoUnit.DAYS.between(from, to) >= PollController.MAX_DAYS) {
			throw new NotCompilable();
		}
		String zone = field.bind(Granularity.ZONE.getId(), String.class);
		String day = field.alias();
		String days = field.alias();
		return SqlJson.list(field.object("PollDay", day),
				"FROM (SELECT cast(" + days + ".day AS date) AS day, " + poll + ".id AS poll_id, timezone(" + zone
						+ ", " + days + ".day) AS day_start, timezone(" + zone + ", " + days
						+ ".day + interval '1 day') AS day_end FROM generate_series(cast(cast("
						+ field.bind(from, LocalDate.class) + " AS date) AS timestamp), cast(cast("
						+ field.bind(to, LocalDate.class) + " AS date) AS timestamp), interval '1 day') " + days
						+ " (day)) " + day,
				day + ".day");
	}

	/** The votes of the day {@code row} (its poll, and {@code condition}). */
	private static String votes(SqlJson.Field field, String row, String condition) {
		String vote = field.alias();
		return SqlJson.literal("(SELECT count(*) FROM poll_vote " + vote + " WHERE " + vote + ".poll_id = " + row
				+ ".poll_id AND " + vote + ".cast_at >= " + row + ".day_start AND " + vote + ".cast_at < " + row
				+ ".day_end" + condition.replace(" option_id", " " + vote + ".option_id") + ")");
	}

	/**
	 * The connection, paged as {@link PollController#polls} pages it; a cursor or
	 * {@code first} it refuses is left to the ordinary path, which explains why.
	 */
	private static String polls(SqlJson.Field field, CursorStrategy<ScrollPosition> cursors, Clock clock) {
		Page page = field.page(cursors);
		String afterId = field.bind(field.afterKey(page, (p) -> p.longKey("id")), Long.class);
		String site = field.bind(field.argument("siteCode"), String.class);
		String active = field.bind(field.argument("active"), Boolean.class);
		String now = now(field, clock);
		String rows = "SELECT * FROM poll " + PollRepository.page(site, active, now, afterId) + " LIMIT "
				+ page.fetchSize();
		String count = "(SELECT count(*) FROM poll " + PollRepository.filter(site, active, now) + ")";
		return field.connection("Poll", new SqlJson.Page(rows, List.of("id"), page.size(), count, true));
	}

	private static String now(SqlJson.Field field, Clock clock) {
		return "cast(" + field.bind(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), OffsetDateTime.class)
				+ " AS timestamptz)";
	}

	private static String sum(String column, String poll) {
		return SqlJson
			.literal("(SELECT coalesce(sum(" + column + "), 0) FROM poll_option WHERE poll_id = " + poll + ".id)");
	}

}
