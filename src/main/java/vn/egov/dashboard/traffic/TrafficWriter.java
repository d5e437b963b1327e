package vn.egov.dashboard.traffic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

import vn.egov.dashboard.traffic.HitBatch.MinuteKey;
import vn.egov.dashboard.traffic.HitBatch.PageDayKey;
import vn.egov.dashboard.traffic.HitBatch.PageKey;
import vn.egov.dashboard.traffic.HitBatch.VisitKey;

/**
 * Writes one {@link HitBatch} in one transaction of three set-based upserts, whatever its size: bucket views
 * for every granularity, the visitor sets with their distinct counts, and the pages. Rows are sent sorted so
 * that concurrent flushes (several instances) lock rows in the same order. Hits of a site deleted since they
 * were checked are skipped rather than failing the batch.
 */
@Repository
class TrafficWriter {

	private static final String UPSERT_BUCKETS = """
			INSERT INTO traffic_bucket AS b (site_code, granularity, bucket_start, views, member_views)
			SELECT t.site, t.g, t.start, t.views, t.members
			  FROM unnest(cast(:sites AS text[]), cast(:grans AS text[]), cast(:starts AS timestamptz[]),
			              cast(:views AS bigint[]), cast(:members AS bigint[])) AS t (site, g, start, views, members)
			 WHERE t.site IN (SELECT code FROM site)
			ON CONFLICT (site_code, granularity, bucket_start)
			DO UPDATE SET views = b.views + excluded.views, member_views = b.member_views + excluded.member_views
			""";

	/**
	 * Adds to each bucket's visitor count the number of its visitors that were not in its set yet; the
	 * insert and the count are one statement, so a visitor is counted once however many instances flush.
	 */
	private static final String UPSERT_VISITORS = """
			WITH t AS (
			    SELECT * FROM unnest(cast(:sites AS text[]), cast(:grans AS text[]), cast(:starts AS timestamptz[]),
			                         cast(:visitors AS bigint[]), cast(:members AS boolean[])) AS t (site, g, start, visitor, member)
			     WHERE t.site IN (SELECT code FROM site)
			), added AS (
			    INSERT INTO traffic_visitor (site_code, granularity, bucket_start, visitor, member)
			    SELECT site, g, start, visitor, member FROM t
			    ON CONFLICT DO NOTHING
			    RETURNING site_code, granularity, bucket_start
			), became_members AS (
			    UPDATE traffic_visitor v SET member = true
			      FROM t
			     WHERE t.member AND NOT v.member AND v.site_code = t.site AND v.granularity = t.g
			       AND v.bucket_start = t.start AND v.visitor = t.visitor
			)
			UPDATE traffic_bucket b SET visitors = b.visitors + c.n
			  FROM (SELECT site_code, granularity, bucket_start, count(*) AS n FROM added GROUP BY 1, 2, 3) c
			 WHERE b.site_code = c.site_code AND b.granularity = c.granularity AND b.bucket_start = c.bucket_start
			""";

	private static final String UPSERT_PAGES = """
			WITH totals AS (
			    INSERT INTO page AS p (site_code, path, title, views, first_seen_at, last_seen_at)
			    SELECT t.site, t.path, t.title, t.views, t.seen, t.seen
			      FROM unnest(cast(:sites AS text[]), cast(:paths AS text[]), cast(:titles AS text[]),
			                  cast(:views AS bigint[]), cast(:seen AS timestamptz[])) AS t (site, path, title, views, seen)
			     WHERE t.site IN (SELECT code FROM site)
			    ON CONFLICT (site_code, path) DO UPDATE
			       SET views = p.views + excluded.views, title = coalesce(excluded.title, p.title),
			           last_seen_at = greatest(p.last_seen_at, excluded.last_seen_at)
			    RETURNING p.id, p.site_code, p.path
			)
			INSERT INTO page_day AS d (page_id, site_code, day, views)
			SELECT totals.id, totals.site_code, t.day, t.views
			  FROM unnest(cast(:daySites AS text[]), cast(:dayPaths AS text[]), cast(:days AS date[]),
			              cast(:dayViews AS bigint[])) AS t (site, path, day, views)
			  JOIN totals ON totals.site_code = t.site AND totals.path = t.path
			ON CONFLICT (page_id, day) DO UPDATE SET views = d.views + excluded.views
			""";

	private static final String DELETE_CLOSED_SETS = """
			DELETE FROM traffic_visitor WHERE granularity = :granularity AND bucket_start < :before""";

	private static final Comparator<BucketKey> BUCKET_ORDER = Comparator.comparing(BucketKey::site)
		.thenComparing(BucketKey::granularity)
		.thenComparing(BucketKey::start);

	/** The order of traffic_visitor's key, so that concurrent flushes lock its rows in the same order. */
	private static final Comparator<BucketKey> VISITOR_SET_ORDER = Comparator.comparing(BucketKey::granularity)
		.thenComparing(BucketKey::start)
		.thenComparing(BucketKey::site);

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	TrafficWriter(DatabaseClient db, TransactionalOperator transaction) {
		this.db = db;
		this.transaction = transaction;
	}

	/** Writes the batch: all of it or, on an error, none of it. */
	Mono<Void> write(HitBatch batch) {
		if (batch.isEmpty()) {
			return Mono.empty();
		}
		return buckets(batch).then(visitors(batch)).then(pages(batch)).then().as(this.transaction::transactional);
	}

	/** Deletes the visitor sets of {@code granularity}'s buckets that started before {@code before}. */
	Mono<Long> deleteClosedSets(Granularity granularity, Instant before) {
		return this.db.sql(DELETE_CLOSED_SETS)
			.bind("granularity", granularity.name())
			.bind("before", time(before))
			.fetch()
			.rowsUpdated();
	}

	private Mono<Long> buckets(HitBatch batch) {
		Map<BucketKey, long[]> buckets = new TreeMap<>(BUCKET_ORDER);
		batch.minutes.forEach((MinuteKey key, HitBatch.Views v) -> {
			for (Granularity g : Granularity.values()) {
				long[] sum = buckets.computeIfAbsent(new BucketKey(key.site(), g, g.start(key.minute())), (k) -> new long[2]);
				sum[0] += v.views;
				sum[1] += v.memberViews;
			}
		});
		int n = buckets.size();
		String[] sites = new String[n];
		String[] grans = new String[n];
		OffsetDateTime[] starts = new OffsetDateTime[n];
		Long[] views = new Long[n];
		Long[] members = new Long[n];
		int i = 0;
		for (Map.Entry<BucketKey, long[]> e : buckets.entrySet()) {
			sites[i] = e.getKey().site();
			grans[i] = e.getKey().granularity().name();
			starts[i] = time(e.getKey().start());
			views[i] = e.getValue()[0];
			members[i] = e.getValue()[1];
			i++;
		}
		return this.db.sql(UPSERT_BUCKETS)
			.bind("sites", sites)
			.bind("grans", grans)
			.bind("starts", starts)
			.bind("views", views)
			.bind("members", members)
			.fetch()
			.rowsUpdated();
	}

	private Mono<Long> visitors(HitBatch batch) {
		Map<VisitorKey, Boolean> visits = new TreeMap<>(Comparator.comparing(VisitorKey::bucket, VISITOR_SET_ORDER)
			.thenComparingLong(VisitorKey::visitor));
		batch.visits.forEach((VisitKey key, Boolean member) -> {
			for (Granularity g : Granularity.values()) {
				visits.merge(new VisitorKey(new BucketKey(key.site(), g, g.start(key.minute())), key.visitor()), member,
						Boolean::logicalOr);
			}
		});
		int n = visits.size();
		String[] sites = new String[n];
		String[] grans = new String[n];
		OffsetDateTime[] starts = new OffsetDateTime[n];
		Long[] visitors = new Long[n];
		Boolean[] members = new Boolean[n];
		int i = 0;
		for (Map.Entry<VisitorKey, Boolean> e : visits.entrySet()) {
			BucketKey bucket = e.getKey().bucket();
			sites[i] = bucket.site();
			grans[i] = bucket.granularity().name();
			starts[i] = time(bucket.start());
			visitors[i] = e.getKey().visitor();
			members[i] = e.getValue();
			i++;
		}
		return this.db.sql(UPSERT_VISITORS)
			.bind("sites", sites)
			.bind("grans", grans)
			.bind("starts", starts)
			.bind("visitors", visitors)
			.bind("members", members)
			.fetch()
			.rowsUpdated();
	}

	private Mono<Long> pages(HitBatch batch) {
		List<Map.Entry<PageKey, HitBatch.PageViews>> pages = new ArrayList<>(batch.pages.entrySet());
		pages.sort(Map.Entry.comparingByKey(Comparator.comparing(PageKey::site).thenComparing(PageKey::path)));
		int n = pages.size();
		String[] sites = new String[n];
		String[] paths = new String[n];
		String[] titles = new String[n];
		Long[] views = new Long[n];
		OffsetDateTime[] seen = new OffsetDateTime[n];
		for (int i = 0; i < n; i++) {
			sites[i] = pages.get(i).getKey().site();
			paths[i] = pages.get(i).getKey().path();
			titles[i] = pages.get(i).getValue().title;
			views[i] = pages.get(i).getValue().views;
			seen[i] = time(pages.get(i).getValue().lastSeen);
		}
		List<Map.Entry<PageDayKey, Long>> days = new ArrayList<>(batch.pageDays.entrySet());
		days.sort(Map.Entry.comparingByKey(Comparator.comparing(PageDayKey::site)
			.thenComparing(PageDayKey::path)
			.thenComparing(PageDayKey::day)));
		int m = days.size();
		String[] daySites = new String[m];
		String[] dayPaths = new String[m];
		LocalDate[] dates = new LocalDate[m];
		Long[] dayViews = new Long[m];
		for (int i = 0; i < m; i++) {
			daySites[i] = days.get(i).getKey().site();
			dayPaths[i] = days.get(i).getKey().path();
			dates[i] = days.get(i).getKey().day();
			dayViews[i] = days.get(i).getValue();
		}
		return this.db.sql(UPSERT_PAGES)
			.bind("sites", sites)
			.bind("paths", paths)
			.bind("titles", titles)
			.bind("views", views)
			.bind("seen", seen)
			.bind("daySites", daySites)
			.bind("dayPaths", dayPaths)
			.bind("days", dates)
			.bind("dayViews", dayViews)
			.fetch()
			.rowsUpdated();
	}

	private static OffsetDateTime time(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private record BucketKey(String site, Granularity granularity, Instant start) {
	}

	private record VisitorKey(BucketKey bucket, long visitor) {
	}

}
