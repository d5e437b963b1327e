package vn.egov.dashboard.traffic;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.live.LiveEvents;

/**
 * The {@code onlineNow} subscription: the site's visitors online now, then again after
 * hit flushes (on any instance) at most once a second, and only when the figures changed.
 */
@Controller
class OnlineSubscriptions {

	static final Duration INTERVAL = Duration.ofSeconds(1);

	private final TrafficRepository traffic;

	private final SiteRepository sites;

	private final LiveEvents live;

	private final Clock clock;

	OnlineSubscriptions(TrafficRepository traffic, SiteRepository sites, LiveEvents live, Clock clock) {
		this.traffic = traffic;
		this.sites = sites;
		this.live = live;
		this.clock = clock;
	}

	@SubscriptionMapping
	Flux<Online> onlineNow(@Argument String siteCode) {
		Mono<Online> current = Mono.defer(() -> this.traffic.online(siteCode, this.clock.instant()));
		return this.sites.findByCode(siteCode)
			.switchIfEmpty(Mono.error(() -> new SiteNotFoundException(siteCode)))
			.then(current)
			.concatWith(
					this.live.of("traffic", siteCode, INTERVAL).onBackpressureLatest().concatMap((event) -> current, 1))
			.distinctUntilChanged();
	}

}
