package vn.egov.dashboard.traffic;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The codes of the known sites, held in memory so that the beacon checks a hit's site
 * without a query. Reloaded by the flusher every minute, and soon after a hit names a
 * code it does not know (at most once every few seconds, so a flood of bad hits cannot
 * turn into a flood of queries).
 */
@Component
class SiteDirectory {

	private static final Log logger = LogFactory.getLog(SiteDirectory.class);

	private static final Duration MIN_RELOAD_GAP = Duration.ofSeconds(5);

	private final SiteRepository sites;

	private volatile Set<String> codes = Set.of();

	private final AtomicLong lastReload = new AtomicLong();

	SiteDirectory(SiteRepository sites) {
		this.sites = sites;
	}

	/** Whether {@code code} names a known site; an unknown one schedules a reload. */
	boolean contains(String code) {
		if (this.codes.contains(code)) {
			return true;
		}
		long now = System.nanoTime();
		long last = this.lastReload.get();
		if (now - last > MIN_RELOAD_GAP.toNanos() && this.lastReload.compareAndSet(last, now)) {
			refresh().subscribe(null, (ex) -> logger.warn("Could not reload the site codes", ex));
		}
		return false;
	}

	/** Reload the codes from the database. */
	Mono<Set<String>> refresh() {
		return this.sites.findAll()
			.map(Site::code)
			.collect(Collectors.toUnmodifiableSet())
			.doOnNext((loaded) -> this.codes = loaded);
	}

}
