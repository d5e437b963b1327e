package vn.egov.dashboard.traffic;

import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Every site's visitors online now and visits in all, for the gauges: the same figures as
 * the {@code onlineNow} and {@code siteStats} queries.
 */
@Component
public class SiteStatistics {

	/**
	 * One site's figures at one instant; {@code sample} if its visits in all are
	 * generated or derived from generated traffic (as {@code siteStats} says).
	 */
	public record Snapshot(String siteCode, String siteName, long guests, long members, long totalVisits,
			boolean sample) {
	}

	private final SiteRepository sites;

	private final TrafficRepository traffic;

	SiteStatistics(SiteRepository sites, TrafficRepository traffic) {
		this.sites = sites;
		this.traffic = traffic;
	}

	public Flux<Snapshot> at(Instant now) {
		return this.sites.findAll()
			.concatMap((site) -> Mono
				.zip(this.traffic.online(site.code(), now), this.traffic.totalVisits(site.code(), now))
				.map((figures) -> new Snapshot(site.code(), site.name(), figures.getT1().guests(),
						figures.getT1().members(), figures.getT2(), site.sampleCounter(now))));
	}

}
