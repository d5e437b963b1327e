package vn.egov.dashboard.traffic;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Reads traffic. Each query reads one granularity's rows (or the per-day page rows), so a
 * year at DAY granularity reads ~365 rows, never the minute rows; every query is an index
 * range scan (see docs/traffic.md for the plans).
 */
@Repository
class TrafficRepository {

	/**
	 * The stored buckets as one row of arrays, oldest first (the aggregates read the
	 * ordered subquery in its order). One row instead of one per bucket: the driver and
	 * Reactor spend far more on a row (its signal, the context restored around the
	 * mapping function, a codec lookup per column) than on an array element. The starts
	 * come as local times: the driver reads a timestamptz with the JVM's current offset,
	 * asking the clock for it every time.
	 */
	private static final String SERIES = """
			SELECT array_agg(bucket_start AT TIME ZONE :zone) AS starts, array_agg(views) AS views, array_agg(member_views) AS member_views,
			       array_agg(visitors) AS visitors, array_agg(sample) AS sample
			  FROM (SELECT bucket_start, views, member_views, visitors, sample
			          FROM traffic_bucket
			         WHERE site_code = :site AND granularity = :granularity AND bucket_start >= :from AND bucket_start < :to
			         ORDER BY bucket_start) b""";

	private static final String TOP_PAGES = topPages(":site", ":from", ":to") + " LIMIT :first";

	private static final String PAGE = pageRow(":site", ":path");

	/**
	 * Visitors of the minute buckets that overlap the window; a member if any hit came as
	 * one.
	 */
	private static final String ONLINE = """
			SELECT count(*) FILTER (WHERE NOT member) AS guests, count(*) FILTER (WHERE member) AS members
			  FROM (SELECT visitor, bool_or(member) AS member FROM traffic_visitor
			         WHERE site_code = :site AND granularity = 'MINUTE' AND bucket_start > :since AND bucket_start <= :now
			         GROUP BY visitor) v""";

	private static final String TOTAL_VISITS = totalVisits(":site", ":month", ":day", ":hour", ":at");

	/**
	 * A minute bucket starting after {@code now} minus this overlaps the last five
	 * minutes.
	 */
	private static final Duration ONLINE_LOOKBACK = Duration.ofMinutes(6);

	private final DatabaseClient db;

	/**
	 * The most viewed pages of the site {@code site} on the local days {@code from} to
	 * {@code to} (placeholders), most views first, ties by path; the LIMIT is the
	 * caller's. Rows of (site_code, path, title, reported_title, curated, note, views,
	 * sample).
	 */
	static String topPages(String site, String from, String to) {
		return """
				SELECT p.site_code, p.path, p.title, p.reported_title, p.curated, p.note, d.views, d.sample
				  FROM (SELECT page_id, sum(views) AS views, bool_or(sample) AS sample FROM page_day
				         WHERE site_code = %1$s AND day BETWEEN %2$s AND %3$s
				         GROUP BY page_id) d
				  JOIN page p ON p.id = d.page_id
				 ORDER BY d.views DESC, p.path""".formatted(site, from, to);
	}

	/** The page of {@code site} at {@code path}, as a row of {@link #topPages}. */
	static String pageRow(String site, String path) {
		return """
				SELECT site_code, path, title, reported_title, curated, note, views + view_offset AS views,
				       EXISTS (SELECT 1 FROM page_day d WHERE d.page_id = page.id AND d.sample) AS sample
				  FROM page WHERE site_code = %1$s AND path = %2$s""".formatted(site, path);
	}

	/**
	 * The offset plus every view before {@code at}: whole months from the MONTH rows,
	 * then the days, hours and minutes of the current month, day and hour: at most ~100
	 * rows whatever the site's age. {@code month}, {@code day} and {@code hour} are the
	 * starts of the buckets holding {@code at}; one row, {@code total}, or none for an
	 * unknown site.
	 */
	static String totalVisits(String site, String month, String day, String hour, String at) {
		return """
				SELECT s.visit_offset + coalesce((
				    SELECT sum(views) FROM (
				        SELECT views FROM traffic_bucket WHERE site_code = %1$s AND granularity = 'MONTH' AND bucket_start < %2$s
				        UNION ALL
				        SELECT views FROM traffic_bucket WHERE site_code = %1$s AND granularity = 'DAY'
				                                         AND bucket_start >= %2$s AND bucket_start < %3$s
				        UNION ALL
				        SELECT views FROM traffic_bucket WHERE site_code = %1$s AND granularity = 'HOUR'
				                                         AND bucket_start >= %3$s AND bucket_start < %4$s
				        UNION ALL
				        SELECT views FROM traffic_bucket WHERE site_code = %1$s AND granularity = 'MINUTE'
				                                         AND bucket_start >= %4$s AND bucket_start < %5$s) v), 0) AS total
				  FROM site s WHERE s.code = %1$s"""
			.formatted(site, month, day, hour, at);
	}

	TrafficRepository(DatabaseClient db) {
		this.db = db;
	}

	/** The stored buckets of a series (empty buckets have no row), oldest first. */
	Mono<List<TrafficPoint>> series(String site, Granularity granularity, Instant from, Instant to) {
		return this.db.sql(SERIES)
			.bind("site", site)
			.bind("granularity", granularity.name())
			.bind("from", time(from))
			.bind("to", time(to))
			.bind("zone", Granularity.ZONE.getId())
			.map(TrafficRepository::points)
			.one();
	}

	private static List<TrafficPoint> points(Readable row) {
		LocalDateTime[] starts = row.get("starts", LocalDateTime[].class);
		if (starts == null) {
			return List.of(); // no stored bucket: array_agg of no rows is null
		}
		Long[] views = row.get("views", Long[].class);
		Long[] memberViews = row.get("member_views", Long[].class);
		Long[] visitors = row.get("visitors", Long[].class);
		Boolean[] sample = row.get("sample", Boolean[].class);
		List<TrafficPoint> points = new ArrayList<>(starts.length);
		for (int i = 0; i < starts.length; i++) {
			points.add(new TrafficPoint(starts[i].atZone(Granularity.ZONE).toOffsetDateTime(), views[i], memberViews[i],
					visitors[i], sample[i]));
		}
		return points;
	}

	/**
	 * The most viewed pages of a site on the local days {@code from}–{@code to},
	 * inclusive.
	 */
	Flux<PageStats> topPages(String site, LocalDate from, LocalDate to, int first) {
		return this.db.sql(TOP_PAGES)
			.bind("site", site)
			.bind("from", from)
			.bind("to", to)
			.bind("first", first)
			.map(TrafficRepository::pageStats)
			.all();
	}

	/** A page with its all-time views, offset included, or empty. */
	Mono<PageStats> page(String site, String path) {
		return this.db.sql(PAGE).bind("site", site).bind("path", path).map(TrafficRepository::pageStats).one();
	}

	private static PageStats pageStats(Readable row) {
		return new PageStats(row.get("site_code", String.class), row.get("path", String.class),
				row.get("title", String.class), row.get("reported_title", String.class),
				Boolean.TRUE.equals(row.get("curated", Boolean.class)), ((Number) row.get("views")).longValue(),
				row.get("note", String.class), Boolean.TRUE.equals(row.get("sample", Boolean.class)));
	}

	/**
	 * Distinct visitors whose minute bucket overlaps the five minutes before {@code now}:
	 * a visitor counts from its hit for five to six minutes (visits are kept per minute).
	 */
	Mono<Online> online(String site, Instant now) {
		Instant since = now.minus(ONLINE_LOOKBACK);
		return this.db.sql(ONLINE)
			.bind("site", site)
			.bind("since", time(since))
			.bind("now", time(now))
			.map((row) -> new Online(row.get("guests", Long.class), row.get("members", Long.class)))
			.one();
	}

	/**
	 * The offset plus all views counted before {@code at} (to the minute), or empty for
	 * an unknown site.
	 */
	Mono<Long> totalVisits(String site, Instant at) {
		return this.db.sql(TOTAL_VISITS)
			.bind("site", site)
			.bind("month", time(Granularity.MONTH.start(at)))
			.bind("day", time(Granularity.DAY.start(at)))
			.bind("hour", time(Granularity.HOUR.start(at)))
			.bind("at", time(at))
			.map((row) -> ((Number) row.get("total")).longValue())
			.one();
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
