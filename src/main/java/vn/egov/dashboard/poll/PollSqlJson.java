package vn.egov.dashboard.poll;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.query.ScrollSubrange;

import vn.egov.dashboard.compiled.JavaFields;
import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJson.NotCompilable;
import vn.egov.dashboard.compiled.SqlJsonType;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.graphql.Page;

/**
 * {@code poll}, {@code polls} and the fields of {@code Poll} and {@code PollOption} in
 * SQL, for compiled queries: the rows, filters, order and cursors of
 * {@link PollRepository}, whose SQL they share, and the options' percentages as
 * {@link PollRepository#optionsWithPercents} computes them. No field of a poll depends on
 * the visitor: {@code castVote} (a mutation) is the only one that reads the cookie.
 */
@Configuration(proxyBeanMethods = false)
class PollSqlJson {

	@Bean
	SqlJsonType pollQueries(CursorStrategy<ScrollPosition> cursors, Clock clock) {
		return new SqlJsonType("Query", Map.of("poll", (field, row) -> {
			long id;
			try {
				id = Ids.parse("id", (String) field.argument("id"));
			}
			catch (RuntimeException ex) {
				throw new NotCompilable();
			}
			String poll = field.alias();
			return "(SELECT " + field.object("Poll", poll) + " FROM poll " + poll + " WHERE " + poll + ".id = "
					+ field.bind(id, Long.class) + ")";
		}, "polls", (field, row) -> polls(field, cursors, clock)));
	}

	/** A row of poll. */
	@Bean
	SqlJsonType pollFields(Clock clock) {
		return new SqlJsonType("Poll",
				Map.of("id", (field, row) -> SqlJson.string(row + ".id::text"), "question",
						(field, row) -> SqlJson.string(row + ".question"), "note",
						(field, row) -> SqlJson.string(row + ".note"), "opensAt",
						(field, row) -> SqlJson.dateTime(row + ".opens_at"), "closesAt",
						(field, row) -> SqlJson.dateTime(row + ".closes_at"), "active",
						(field, row) -> SqlJson.literal(PollRepository.open(row + ".", now(field, clock))),
						"totalVotes", (field, row) -> sum("votes", row), "importedVotes",
						(field, row) -> sum("imported_votes", row), "site", (field, row) -> {
							String site = field.alias();
							return "(SELECT " + field.object("Site", site) + " FROM site " + site + " WHERE " + site
									+ ".code = " + row + ".site_code)";
						}, "options", (field, row) -> {
							String option = field.alias();
							return SqlJson.list(field.object("PollOption", option), "FROM ("
									+ PollRepository.optionsWithPercents("poll_id = " + row + ".id") + ") " + option,
									option + ".position");
						}));
	}

	/** A row of poll_option with its {@code percent}. */
	@Bean
	SqlJsonType pollOptionFields() {
		return new SqlJsonType("PollOption",
				Map.of("id", (field, row) -> SqlJson.string(row + ".id::text"), "label",
						(field, row) -> SqlJson.string(row + ".label"), "votes",
						(field, row) -> SqlJson.literal(row + ".votes"), "importedVotes",
						(field, row) -> SqlJson.literal(row + ".imported_votes"), "percent",
						(field, row) -> SqlJson.literal(row + ".percent")));
	}

	@Bean
	JavaFields pollJavaFields() {
		return new JavaFields("Poll",
				Map.of("votesPerDay",
						"its default range (opening day to today or the closing day) and its errors depend on each"
								+ " poll's dates; batched: one statement for every poll of a level (PollController)"));
	}

	/**
	 * The connection, paged as {@link PollController#polls} pages it; a cursor or
	 * {@code first} it refuses is left to the ordinary path, which explains why.
	 */
	private static String polls(SqlJson.Field field, CursorStrategy<ScrollPosition> cursors, Clock clock) {
		Page page;
		String afterId;
		try {
			String after = (String) field.argument("after");
			page = Page.of(ScrollSubrange.create((after != null) ? cursors.fromCursor(after) : null,
					(Integer) field.argument("first"), true));
			afterId = field.bind((page.after() != null) ? page.longKey("id") : null, Long.class);
		}
		catch (RuntimeException ex) {
			throw new NotCompilable();
		}
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
