package vn.egov.dashboard.progress;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.live.LiveEvents;

/**
 * The {@code progressChanged} subscription: the indicator's targets (of one agency, if
 * given) now, then again after measurements are recorded or corrected on any instance;
 * their {@code progress} field is computed when the event is sent.
 */
@Controller
class ProgressSubscriptions {

	private final TargetRepository targets;

	private final LiveEvents live;

	ProgressSubscriptions(TargetRepository targets, LiveEvents live) {
		this.targets = targets;
		this.live = live;
	}

	@SubscriptionMapping
	Flux<ProgressUpdate> progressChanged(@Argument String indicatorCode, @Argument @Nullable String agencyCode) {
		Mono<ProgressUpdate> current = Mono.defer(() -> this.targets.find(indicatorCode, agencyCode, null)
			.collectList()
			.map((found) -> new ProgressUpdate(indicatorCode, agencyCode, found)));
		String keys = MeasurementService.key(indicatorCode, (agencyCode != null) ? agencyCode : "");
		return current.concatWith(
				this.live.of("measurement", (key) -> (agencyCode != null) ? key.equals(keys) : key.startsWith(keys))
					.onBackpressureLatest()
					.concatMap((event) -> current, 1));
	}

}
