package vn.egov.dashboard.traffic;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.visitor.KeyedHash;

/**
 * The pages of every site, held in memory as 64-bit keyed hashes of their paths (8 bytes
 * a page), so that the beacon knows without a query whether a hit is for a page the site
 * has and, if not, whether hits may still create one: at most
 * {@code egov.traffic.max-pages-per-site} per site. Curated pages do not count against
 * it. A path admitted here is a page from then on, before its hit is even written.
 * <p>
 * Loaded when the server starts, then every minute by the flusher, incrementally: the
 * pages with an id above the highest one loaded, which brings in the pages other
 * instances created. Ids are taken before their transaction commits, so a page can commit
 * after a higher id was loaded; each reload reads the last {@value #RELOAD_OVERLAP} ids
 * again to catch those. The writer enforces the cap again in the database
 * ({@link TrafficWriter}), exactly, across instances.
 */
@Component
class PageDirectory {

	static final long RELOAD_OVERLAP = 1000;

	private static final String LOAD = """
			SELECT id, site_code, path, curated FROM page WHERE id > :after ORDER BY id""";

	private final DatabaseClient db;

	private final int maxPages;

	/** Under a random key: an attacker cannot aim a path at another's hash. */
	private final KeyedHash paths = KeyedHash.random();

	private final Map<String, SitePages> sites = new ConcurrentHashMap<>();

	private volatile long loadedUpTo;

	PageDirectory(DatabaseClient db, TrafficProperties properties) {
		this.db = db;
		this.maxPages = properties.maxPagesPerSite();
	}

	/** The most pages hits may create per site. */
	int maxPages() {
		return this.maxPages;
	}

	/**
	 * Whether a hit for {@code path} may be counted: the site has that page, or has room
	 * for one more created by hits (which it then has).
	 */
	boolean admit(String site, String path) {
		return this.sites.computeIfAbsent(site, (code) -> new SitePages())
			.admit(this.paths.bits64(path), this.maxPages);
	}

	/** Loads the pages created since the last load. */
	Mono<Void> refresh() {
		long after = Math.max(0, this.loadedUpTo - RELOAD_OVERLAP);
		return this.db.sql(LOAD).bind("after", after).map((row) -> {
			this.sites.computeIfAbsent(row.get("site_code", String.class), (code) -> new SitePages())
				.load(this.paths.bits64(row.get("path", String.class)), Boolean.TRUE.equals(row.get("curated")));
			return row.get("id", Long.class);
		}).all().reduce(Long::max).doOnNext((highest) -> this.loadedUpTo = Math.max(this.loadedUpTo, highest)).then();
	}

	/**
	 * One site's pages: a sorted array of path hashes and the few added since it was last
	 * sorted.
	 */
	static final class SitePages {

		private static final int SORT_AT = 256;

		private long[] sorted = new long[0];

		private final Set<Long> recent = new HashSet<>();

		/** Pages that are not curated: created by hits, or admitted to be. */
		private int created;

		synchronized boolean admit(long path, int max) {
			if (contains(path)) {
				return true;
			}
			if (this.created >= max) {
				return false;
			}
			add(path);
			this.created++;
			return true;
		}

		synchronized void load(long path, boolean curated) {
			if (!contains(path)) {
				add(path);
				if (!curated) {
					this.created++;
				}
			}
		}

		private boolean contains(long path) {
			return Arrays.binarySearch(this.sorted, path) >= 0 || this.recent.contains(path);
		}

		private void add(long path) {
			this.recent.add(path);
			if (this.recent.size() >= SORT_AT) {
				long[] merged = Arrays.copyOf(this.sorted, this.sorted.length + this.recent.size());
				int i = this.sorted.length;
				for (long added : this.recent) {
					merged[i++] = added;
				}
				Arrays.sort(merged);
				this.sorted = merged;
				this.recent.clear();
			}
		}

	}

}
