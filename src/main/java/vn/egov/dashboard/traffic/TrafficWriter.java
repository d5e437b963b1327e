package vn.egov.dashboard.traffic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.traffic.HitBatch.MinuteKey;
import vn.egov.dashboard.traffic.HitBatch.PageDayKey;
import vn.egov.dashboard.traffic.HitBatch.PageKey;
import vn.egov.dashboard.traffic.HitBatch.VisitKey;

/**
 * Writes one {@link HitBatch} in one transaction of three set-based upserts, whatever its
 * size: bucket views for every granularity, the visitor sets with their distinct counts,
 * and the pages (after locking the batch's sites, for the cap on pages created by hits).
 * The batch holds minutes; the statements derive the hour, day, week and month buckets
 * (in Asia/Ho_Chi_Minh time, like {@link Granularity}) and insert in key order, so that
 * concurrent flushes (several instances) lock rows in the same order. Hits of a site
 * deleted since they were checked are skipped rather than failing the batch.
 */
@Repository
class TrafficWriter {

	/**
	 * The bucket of each granularity that holds the minute {@code t.minute}, in local
	 * time.
	 */
	private static final String GRANULARITIES = """
			CROSS JOIN (VALUES ('MINUTE', 'minute'), ('HOUR', 'hour'), ('DAY', 'day'), ('WEEK', 'week'), ('MONTH', 'month'))
			           AS g (name, unit)
			CROSS JOIN LATERAL (SELECT timezone('Asia/Ho_Chi_Minh', date_trunc(g.unit, timezone('Asia/Ho_Chi_Minh', t.minute)))
			                           AS start) AS bucket
			""";

	/**
	 * Adds the views of each site and minute to the buckets of every granularity that
	 * hold it; the buckets are computed here, in the same local time as
	 * {@link Granularity}.
	 */
	private static final String UPSERT_BUCKETS = """
			INSERT INTO traffic_bucket AS b (site_code, granularity, bucket_start, views, member_views)
			SELECT t.site, g.name, bucket.start, sum(t.views), sum(t.members)
			  FROM unnest(cast(:sites AS text[]), cast(:minutes AS timestamptz[]), cast(:views AS bigint[]),
			              cast(:members AS bigint[])) AS t (site, minute, views, members)
			""" + GRANULARITIES + """
			 WHERE t.site IN (SELECT code FROM site)
			 GROUP BY t.site, g.name, bucket.start
			 ORDER BY t.site, g.name, bucket.start
			ON CONFLICT (site_code, granularity, bucket_start)
			DO UPDATE SET views = b.views + excluded.views, member_views = b.member_views + excluded.member_views
			""";

	/**
	 * Adds to each bucket's visitor count the number of its visitors that were not in its
	 * set yet; the insert and the count are one statement, so a visitor is counted once
	 * however many instances flush. The batch sends each visitor once per minute; the
	 * sets of the larger buckets are derived here.
	 */
	private static final String UPSERT_VISITORS = """
			WITH t AS (
			    SELECT g.name AS g, bucket.start, t.site, t.visitor, bool_or(t.member) AS member
			      FROM unnest(cast(:sites AS text[]), cast(:minutes AS timestamptz[]), cast(:visitors AS bigint[]),
			                  cast(:members AS boolean[])) AS t (site, minute, visitor, member)
			""" + GRANULARITIES + """
			     WHERE t.site IN (SELECT code FROM site)
			     GROUP BY g.name, bucket.start, t.site, t.visitor
			), added AS (
			    INSERT INTO traffic_visitor (granularity, bucket_start, site_code, visitor, member)
			    SELECT g, start, site, visitor, member FROM t ORDER BY g, start, site, visitor
			    ON CONFLICT DO NOTHING
			    RETURNING site_code, granularity, bucket_start
			), became_members AS (
			    UPDATE traffic_visitor v SET member = true
			      FROM t
			     WHERE t.member AND NOT v.member AND v.granularity = t.g AND v.bucket_start = t.start
			       AND v.site_code = t.site AND v.visitor = t.visitor
			)
			UPDATE traffic_bucket b SET visitors = b.visitors + c.n
			  FROM (SELECT site_code, granularity, bucket_start, count(*) AS n FROM added GROUP BY 1, 2, 3) c
			 WHERE b.site_code = c.site_code AND b.granularity = c.granularity AND b.bucket_start = c.bucket_start
			""";

	/**
	 * Locks the rows of the batch's sites, in code order, before their pages are written:
	 * flushes of several instances then write a site's pages one after the other, and
	 * each sees the pages the other created (the next statement takes a new snapshot), so
	 * that together they never create more than the cap. {@code NO KEY UPDATE} leaves
	 * foreign-key checks (new polls of the site) unblocked.
	 */
	private static final String LOCK_SITES = """
			SELECT code FROM site WHERE code = ANY (cast(:sites AS text[])) ORDER BY code FOR NO KEY UPDATE""";

	/**
	 * Adds the views of each page and day. A page the site does not have yet is created,
	 * not curated, with the first title its hits reported, while the site has fewer than
	 * {@code :maxPages} such pages (the most viewed first); the views of a page it cannot
	 * create are left out of the page tables (they still count for the site). A curated
	 * page's title is never touched; a created page's reported title is kept once set.
	 */
	private static final String UPSERT_PAGES = """
			WITH t AS (
			    SELECT * FROM unnest(cast(:sites AS text[]), cast(:paths AS text[]), cast(:titles AS text[]),
			                         cast(:views AS bigint[]), cast(:firstSeen AS timestamptz[]), cast(:lastSeen AS timestamptz[]))
			           AS t (site, path, title, views, first_seen, last_seen)
			     WHERE t.site IN (SELECT code FROM site)
			), new AS (
			    SELECT t.site, t.path, row_number() OVER (PARTITION BY t.site ORDER BY t.views DESC, t.path) AS n
			      FROM t
			     WHERE NOT EXISTS (SELECT FROM page p WHERE p.site_code = t.site AND p.path = t.path)
			), room AS (
			    SELECT s.site, :maxPages - (SELECT count(*) FROM page p WHERE p.site_code = s.site AND NOT p.curated) AS room
			      FROM (SELECT DISTINCT site FROM new) s
			), totals AS (
			    INSERT INTO page AS p (site_code, path, curated, reported_title, views, first_seen_at, last_seen_at)
			    SELECT t.site, t.path, false, t.title, t.views, t.first_seen, t.last_seen
			      FROM t
			      LEFT JOIN new ON new.site = t.site AND new.path = t.path
			      LEFT JOIN room ON room.site = t.site
			     WHERE new.n IS NULL OR new.n <= room.room
			     ORDER BY t.site, t.path
			    ON CONFLICT (site_code, path) DO UPDATE
			       SET views = p.views + excluded.views,
			           reported_title = CASE WHEN p.curated THEN p.reported_title
			                                 ELSE coalesce(p.reported_title, excluded.reported_title) END,
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

	private static final String TRANSACTION_ID = "SELECT cast(pg_current_xact_id() AS text)";

	private static final String TRANSACTION_STATUS = """
			SELECT coalesce(pg_xact_status(cast(:id AS xid8)), 'unknown')""";

	private static final String DELETE_CLOSED_SETS = """
			DELETE FROM traffic_visitor WHERE granularity = :granularity AND bucket_start < :before""";

	private final DatabaseClient db;

	private final Changes changes;

	private final int maxPages;

	TrafficWriter(DatabaseClient db, Changes changes, TrafficProperties properties) {
		this.db = db;
		this.changes = changes;
		this.maxPages = properties.maxPagesPerSite();
	}

	/**
	 * Writes the batch: all of it or, on an error, none of it, in a transaction that also
	 * announces the change of its sites ({@link Changes}). Its transaction's id is kept
	 * in {@link HitBatch#transactionId} first, for {@link #transactionStatus} to look up
	 * if the outcome is lost.
	 */
	Mono<Void> write(HitBatch batch) {
		if (batch.isEmpty()) {
			return Mono.empty();
		}
		return Mono.defer(() -> {
			batch.transactionId = null;
			return this.changes.commit(batch.change(), statements(batch).thenReturn(batch)).then();
		});
	}

	/** The statements of {@link #write}, run in its transaction. */
	Mono<Void> statements(HitBatch batch) {
		return this.db.sql(TRANSACTION_ID)
			.map((row) -> row.get(0, String.class))
			.one()
			.doOnNext((id) -> batch.transactionId = id)
			.then(buckets(batch))
			.then(visitors(batch))
			.then(lockSites(batch))
			.then(pages(batch))
			.then();
	}

	/**
	 * Whether a transaction committed: {@code committed}, {@code aborted},
	 * {@code in progress}, or {@code unknown} when PostgreSQL no longer keeps its status
	 * (long after).
	 */
	Mono<String> transactionStatus(String transactionId) {
		return this.db.sql(TRANSACTION_STATUS).bind("id", transactionId).map((row) -> row.get(0, String.class)).one();
	}

	/**
	 * Deletes the visitor sets of {@code granularity}'s buckets that started before
	 * {@code before}.
	 */
	Mono<Long> deleteClosedSets(Granularity granularity, Instant before) {
		return this.db.sql(DELETE_CLOSED_SETS)
			.bind("granularity", granularity.name())
			.bind("before", time(before))
			.fetch()
			.rowsUpdated();
	}

	private Mono<Long> buckets(HitBatch batch) {
		int n = batch.minutes.size();
		String[] sites = new String[n];
		OffsetDateTime[] minutes = new OffsetDateTime[n];
		Long[] views = new Long[n];
		Long[] members = new Long[n];
		int i = 0;
		for (Map.Entry<MinuteKey, HitBatch.Views> e : batch.minutes.entrySet()) {
			sites[i] = e.getKey().site();
			minutes[i] = time(e.getKey().minute());
			views[i] = e.getValue().views;
			members[i] = e.getValue().memberViews;
			i++;
		}
		return this.db.sql(UPSERT_BUCKETS)
			.bind("sites", sites)
			.bind("minutes", minutes)
			.bind("views", views)
			.bind("members", members)
			.fetch()
			.rowsUpdated();
	}

	private Mono<Long> visitors(HitBatch batch) {
		int n = batch.visits.size();
		String[] sites = new String[n];
		OffsetDateTime[] minutes = new OffsetDateTime[n];
		Long[] visitors = new Long[n];
		Boolean[] members = new Boolean[n];
		int i = 0;
		for (Map.Entry<VisitKey, Boolean> e : batch.visits.entrySet()) {
			sites[i] = e.getKey().site();
			minutes[i] = time(e.getKey().minute());
			visitors[i] = e.getKey().visitor();
			members[i] = e.getValue();
			i++;
		}
		return this.db.sql(UPSERT_VISITORS)
			.bind("sites", sites)
			.bind("minutes", minutes)
			.bind("visitors", visitors)
			.bind("members", members)
			.fetch()
			.rowsUpdated();
	}

	private Mono<Void> lockSites(HitBatch batch) {
		String[] sites = batch.pages.keySet().stream().map(PageKey::site).distinct().toArray(String[]::new);
		return this.db.sql(LOCK_SITES).bind("sites", sites).fetch().all().then();
	}

	private Mono<Long> pages(HitBatch batch) {
		List<Map.Entry<PageKey, HitBatch.PageViews>> pages = new ArrayList<>(batch.pages.entrySet());
		pages.sort(Map.Entry.comparingByKey(Comparator.comparing(PageKey::site).thenComparing(PageKey::path)));
		int n = pages.size();
		String[] sites = new String[n];
		String[] paths = new String[n];
		String[] titles = new String[n];
		Long[] views = new Long[n];
		OffsetDateTime[] firstSeen = new OffsetDateTime[n];
		OffsetDateTime[] lastSeen = new OffsetDateTime[n];
		for (int i = 0; i < n; i++) {
			sites[i] = pages.get(i).getKey().site();
			paths[i] = pages.get(i).getKey().path();
			titles[i] = pages.get(i).getValue().title;
			views[i] = pages.get(i).getValue().views;
			firstSeen[i] = time(pages.get(i).getValue().firstSeen);
			lastSeen[i] = time(pages.get(i).getValue().lastSeen);
		}
		List<Map.Entry<PageDayKey, Long>> days = new ArrayList<>(batch.pageDays.entrySet());
		days.sort(Map.Entry.comparingByKey(
				Comparator.comparing(PageDayKey::site).thenComparing(PageDayKey::path).thenComparing(PageDayKey::day)));
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
			.bind("firstSeen", firstSeen)
			.bind("lastSeen", lastSeen)
			.bind("maxPages", this.maxPages)
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

}
