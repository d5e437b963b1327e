package vn.egov.dashboard.traffic;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Hits aggregated in memory between two flushes: views per site and minute, the distinct
 * visitors of each site and minute, views per page and per page and day. Not thread-safe:
 * {@link HitBuffer} guards it.
 */
final class HitBatch {

	record MinuteKey(String site, Instant minute) {
	}

	record VisitKey(String site, Instant minute, long visitor) {
	}

	record PageKey(String site, String path) {
	}

	record PageDayKey(String site, String path, LocalDate day) {
	}

	static final class Views {

		long views;

		long memberViews;

	}

	static final class PageViews {

		long views;

		/**
		 * The first title a hit of the batch reported: what becomes the reported title of
		 * a page the batch creates.
		 */
		@Nullable String title;

		Instant firstSeen = Instant.MAX;

		Instant lastSeen = Instant.EPOCH;

	}

	final Map<MinuteKey, Views> minutes = new HashMap<>();

	/** Each visitor of a minute, with whether any of its hits came as a member. */
	final Map<VisitKey, Boolean> visits = new HashMap<>();

	final Map<PageKey, PageViews> pages = new HashMap<>();

	final Map<PageDayKey, Long> pageDays = new HashMap<>();

	/** Hits in the batch. */
	int hits;

	/** The change writing this batch makes: traffic of its sites. */
	DataChangedEvent change() {
		return DataChangedEvent.of("traffic",
				this.minutes.keySet().stream().map(MinuteKey::site).distinct().sorted().toArray());
	}

	/**
	 * The PostgreSQL transaction (xid8) of the last attempt to write this batch, once it
	 * has one: when the connection breaks during COMMIT, it tells whether the batch is in
	 * the database or must be written again.
	 */
	volatile @Nullable String transactionId;

	void add(AcceptedHit hit, Instant at) {
		Instant minute = Granularity.MINUTE.start(at);
		Views views = this.minutes.computeIfAbsent(new MinuteKey(hit.site(), minute), (k) -> new Views());
		views.views++;
		if (hit.member()) {
			views.memberViews++;
		}
		this.visits.merge(new VisitKey(hit.site(), minute, hit.visitor()), hit.member(), Boolean::logicalOr);
		PageViews page = this.pages.computeIfAbsent(new PageKey(hit.site(), hit.path()), (k) -> new PageViews());
		page.views++;
		if (hit.title() != null && (page.title == null || at.isBefore(page.firstSeen))) {
			page.title = hit.title();
		}
		if (at.isBefore(page.firstSeen)) {
			page.firstSeen = at;
		}
		if (at.isAfter(page.lastSeen)) {
			page.lastSeen = at;
		}
		this.pageDays.merge(new PageDayKey(hit.site(), hit.path(), at.atZone(Granularity.ZONE).toLocalDate()), 1L,
				Long::sum);
		this.hits++;
	}

	/** Adds the counts of {@code other} (a batch whose flush failed) to this one. */
	void addAll(HitBatch other) {
		other.minutes.forEach((key, v) -> {
			Views views = this.minutes.computeIfAbsent(key, (k) -> new Views());
			views.views += v.views;
			views.memberViews += v.memberViews;
		});
		other.visits.forEach((key, member) -> this.visits.merge(key, member, Boolean::logicalOr));
		other.pages.forEach((key, p) -> {
			PageViews page = this.pages.computeIfAbsent(key, (k) -> new PageViews());
			page.views += p.views;
			if (p.title != null && (page.title == null || p.firstSeen.isBefore(page.firstSeen))) {
				page.title = p.title;
			}
			if (p.firstSeen.isBefore(page.firstSeen)) {
				page.firstSeen = p.firstSeen;
			}
			if (p.lastSeen.isAfter(page.lastSeen)) {
				page.lastSeen = p.lastSeen;
			}
		});
		other.pageDays.forEach((key, n) -> this.pageDays.merge(key, n, Long::sum));
		this.hits += other.hits;
	}

	boolean isEmpty() {
		return this.hits == 0;
	}

}
