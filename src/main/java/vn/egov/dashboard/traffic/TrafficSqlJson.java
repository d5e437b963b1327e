package vn.egov.dashboard.traffic;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.egov.dashboard.compiled.JavaFields;
import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJson.NotCompilable;
import vn.egov.dashboard.compiled.SqlJsonType;
import vn.egov.dashboard.graphql.DateScalars;
import vn.egov.dashboard.graphql.InvalidInputException;

import static vn.egov.dashboard.compiled.SqlJsonType.column;
import static vn.egov.dashboard.compiled.SqlJsonType.dateTime;
import static vn.egov.dashboard.compiled.SqlJsonType.literal;

/**
 * {@code traffic} in SQL for compiled queries: a point for every bucket from the one
 * holding {@code from} to {@code to}, the stored one or zeros (sample zeros in the site's
 * period of generated traffic), as {@link TrafficController#traffic} answers. The buckets
 * are stepped in local time, which is exact while the zone's offset does not change in
 * the range (Asia/Ho_Chi_Minh has kept +07:00 since 1975); a range across a change, an
 * unknown site or bad arguments are left to the ordinary path, which gives their errors.
 */
@Configuration(proxyBeanMethods = false)
class TrafficSqlJson {

	@Bean
	SqlJsonType trafficQueries(SiteDirectory sites, Clock clock) {
		return new SqlJsonType("Query",
				Map.of("traffic", (field, row) -> traffic(field, sites), "sites", (field, row) -> {
					String site = field.alias();
					return SqlJson.list(field.object("Site", site), "FROM site " + site, site + ".code");
				}, "site", (field, row) -> field.one("Site", "site", "code",
						field.bind(field.argument("code"), String.class)), "page", (field, row) -> {
							String page = field.alias();
							return "(SELECT " + field.object("PageStats", page) + " FROM ("
									+ TrafficRepository.pageRow(field.bind(field.argument("siteCode"), String.class),
											field.bind(field.argument("path"), String.class))
									+ ") " + page + ")";
						}, "topPages", (field, row) -> topPages(field, sites), "siteStats",
						(field, row) -> siteStats(field, sites, clock)),
				Map.of("traffic", Set.of("siteCode", "granularity", "from", "to"), "site", Set.of("code"), "page",
						Set.of("siteCode", "path"), "topPages", Set.of("siteCode", "from", "to", "first"), "siteStats",
						Set.of("siteCode", "asOf")));
	}

	@Bean
	JavaFields trafficJavaFields() {
		return new JavaFields("Query",
				Map.of("onlineNow",
						"live figures: the distinct visitors of the last five minutes as of the moment asked, from hits"
								+ " flushed a second ago; a root field, one statement for the one site it names"));
	}

	/** A row of site. */
	@Bean
	SqlJsonType siteFields() {
		return new SqlJsonType("Site",
				Map.ofEntries(column("code", "code"), column("name", "name"), column("nameEn", "name_en"),
						column("baseUrl", "base_url"), column("note", "note"), literal("visitOffset", "visit_offset"),
						Map.entry("sample", (field, row) -> SqlJson.literal("coalesce(" + row + ".sample, false)")),
						dateTime("countingFrom", "counting_from"), dateTime("sampleFrom", "sample_from"),
						dateTime("sampleUntil", "sample_until"),
						Map.entry("agency",
								(field, row) -> field.one("Agency", "agency", "code", row + ".agency_code")),
						Map.entry("readings", (field, row) -> {
							String reading = field.alias();
							return SqlJson.list(field.object("SiteReading", reading), "FROM site_reading " + reading
									+ " WHERE " + reading + ".site_code = " + row + ".code", reading + ".read_at");
						})));
	}

	/** A row of site_reading. */
	@Bean
	SqlJsonType siteReadingFields() {
		return new SqlJsonType("SiteReading",
				Map.ofEntries(dateTime("readAt", "read_at"), literal("totalVisits", "total_visits"),
						literal("guestsOnline", "guests_online"), literal("membersOnline", "members_online"),
						column("source", "source")));
	}

	/**
	 * A row of {@link TrafficRepository#topPages} or {@link TrafficRepository#pageRow}.
	 */
	@Bean
	SqlJsonType pageStatsFields() {
		return new SqlJsonType("PageStats",
				Map.ofEntries(column("siteCode", "site_code"), column("path", "path"), column("title", "title"),
						column("reportedTitle", "reported_title"), column("note", "note"),
						Map.entry("curated", (field, row) -> SqlJson.literal("coalesce(" + row + ".curated, false)")),
						literal("views", "views"),
						Map.entry("sample", (field, row) -> SqlJson.literal("coalesce(" + row + ".sample, false)"))));
	}

	/** A row of (site_code, as_of_text, total_visits, sample). */
	@Bean
	SqlJsonType siteStatsFields() {
		return new SqlJsonType("SiteStats",
				Map.ofEntries(Map.entry("site", (field, row) -> field.one("Site", "site", "code", row + ".site_code")),
						column("asOf", "as_of_text"), literal("totalVisits", "total_visits"),
						literal("sample", "sample")));
	}

	/**
	 * As {@link TrafficController#topPages}; an unknown site or a range ending before it
	 * starts is left to the ordinary path, which gives the error.
	 */
	private static String topPages(SqlJson.Field field, SiteDirectory sites) {
		String site = (String) field.argument("siteCode");
		LocalDate from = (LocalDate) field.argument("from");
		LocalDate to = (LocalDate) field.argument("to");
		Integer first = (Integer) field.argument("first");
		int size = (first != null) ? first : TrafficController.DEFAULT_TOP_PAGES;
		if (to.isBefore(from) || size < 0 || !sites.contains(site)) {
			throw new NotCompilable();
		}
		String page = field.alias();
		return SqlJson.list(field.object("PageStats", page),
				"FROM (" + TrafficRepository.topPages(field.bind(site, String.class), field.bind(from, LocalDate.class),
						field.bind(to, LocalDate.class)) + " LIMIT " + size + ") " + page,
				page + ".views DESC, " + page + ".path");
	}

	/**
	 * As {@link SiteController#siteStats}: the counter as of {@code asOf} or now; an
	 * unknown site is left to the ordinary path, which gives the error.
	 */
	private static String siteStats(SqlJson.Field field, SiteDirectory sites, Clock clock) {
		String code = (String) field.argument("siteCode");
		OffsetDateTime asOf = (OffsetDateTime) field.argument("asOf");
		OffsetDateTime at = (asOf != null) ? asOf : OffsetDateTime.now(clock);
		if (!sites.contains(code)) {
			throw new NotCompilable();
		}
		Instant instant = at.toInstant();
		String site = field.bind(code, String.class);
		String when = field.bind(utc(instant), OffsetDateTime.class);
		String total = TrafficRepository.totalVisits(site,
				field.bind(utc(Granularity.MONTH.start(instant)), OffsetDateTime.class),
				field.bind(utc(Granularity.DAY.start(instant)), OffsetDateTime.class),
				field.bind(utc(Granularity.HOUR.start(instant)), OffsetDateTime.class), when);
		String stats = field.alias();
		String row = field.alias();
		// The moment as the DateTime scalar writes it.
		String asOfText = field.bind(DateScalars.dateTimeText(at), String.class);
		return "(SELECT " + field.object("SiteStats", stats) + " FROM (SELECT " + row + ".code AS site_code, cast("
				+ asOfText + " AS text) AS as_of_text, (" + total + ") AS total_visits, (coalesce(" + row
				+ ".sample, false) OR (" + row + ".sample_until IS NOT NULL AND " + when + " < " + row
				+ ".sample_until)) AS sample FROM site " + row + " WHERE " + row + ".code = " + site + ") " + stats
				+ ")";
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A point: a row of (start as local time, views, member_views, visitors, sample,
	 * start_offset).
	 */
	@Bean
	SqlJsonType trafficPointFields() {
		// The DateTime scalar writes milliseconds and the offset:
		// 2025-03-01T00:00:00.000+07:00.
		return new SqlJsonType("TrafficPoint", Map.ofEntries(
				Map.entry("start",
						(field, row) -> "'\"' || to_char(" + row + ".start, 'YYYY-MM-DD\"T\"HH24:MI:SS.MS') || " + row
								+ ".start_offset || '\"'"),
				literal("views", "views"), literal("memberViews", "member_views"), literal("visitors", "visitors"),
				literal("sample", "sample")));
	}

	private static String traffic(SqlJson.Field field, SiteDirectory sites) {
		String site = (String) field.argument("siteCode");
		Granularity granularity = Granularity.valueOf(String.valueOf(field.argument("granularity")));
		Instant from = ((OffsetDateTime) field.argument("from")).toInstant();
		Instant to = ((OffsetDateTime) field.argument("to")).toInstant();
		if (!sites.contains(site)) {
			throw new NotCompilable();
		}
		TrafficController.BucketRange range;
		try {
			range = TrafficController.bucketRange(granularity, from, to);
		}
		catch (InvalidInputException ex) {
			throw new NotCompilable();
		}
		Instant first = range.first();
		Instant last = range.last();
		ZoneOffsetTransition change = Granularity.ZONE.getRules().nextTransition(first);
		if (change != null && !change.getInstant().isAfter(last)) {
			throw new NotCompilable();
		}
		ZoneOffset offset = Granularity.ZONE.getRules().getOffset(first);
		String zone = field.bind(Granularity.ZONE.getId(), String.class);
		String step = "cast(" + field.bind(granularity.interval(), String.class) + " AS interval)";
		String point = field.alias();
		String bucket = field.alias();
		String period = field.alias();
		// An empty bucket is sample data where it overlaps the site's period of generated
		// traffic (Site.sampleTraffic).
		String emptySample = "coalesce(timezone(" + zone + ", s.start) < " + period + ".sample_until AND timezone("
				+ zone + ", s.start + " + step + ") > " + period + ".sample_from, false)";
		String series = "SELECT s.start, coalesce(" + bucket + ".views, 0) AS views, coalesce(" + bucket
				+ ".member_views, 0) AS member_views, coalesce(" + bucket + ".visitors, 0) AS visitors, coalesce("
				+ bucket + ".sample, " + emptySample + ") AS sample, '" + offset.getId()
				+ "' AS start_offset FROM generate_series(cast("
				+ field.bind(LocalDateTime.ofInstant(first, Granularity.ZONE), LocalDateTime.class)
				+ " AS timestamp), cast("
				+ field.bind(LocalDateTime.ofInstant(last, Granularity.ZONE), LocalDateTime.class) + " AS timestamp), "
				+ step + ") s (start) LEFT JOIN (SELECT sample_from, sample_until FROM site WHERE code = "
				+ field.bind(site, String.class) + ") " + period + " ON true LEFT JOIN "
				+ "(SELECT bucket_start AT TIME ZONE " + zone + " AS start, views, member_views, visitors, sample"
				+ " FROM traffic_bucket WHERE site_code = " + field.bind(site, String.class) + " AND granularity = "
				+ field.bind(granularity.name(), String.class) + " AND bucket_start >= "
				+ field.bind(first.atOffset(ZoneOffset.UTC), OffsetDateTime.class) + " AND bucket_start < "
				+ field.bind(to.atOffset(ZoneOffset.UTC), OffsetDateTime.class) + ") " + bucket + " ON " + bucket
				+ ".start = s.start";
		return SqlJson.list(field.object("TrafficPoint", point), "FROM (" + series + ") " + point, point + ".start");
	}

}
