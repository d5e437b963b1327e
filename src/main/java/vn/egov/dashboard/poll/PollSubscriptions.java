package vn.egov.dashboard.poll;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.live.LiveEvents;

/**
 * The {@code pollResults} subscription: the poll now, then again after votes on any
 * instance (coalesced by {@link LiveEvents}: a burst of votes yields a few events a
 * second).
 */
@Controller
class PollSubscriptions {

	private final PollRepository polls;

	private final LiveEvents live;

	PollSubscriptions(PollRepository polls, LiveEvents live) {
		this.polls = polls;
		this.live = live;
	}

	@SubscriptionMapping
	Flux<Poll> pollResults(@Argument String pollId) {
		long id = Ids.parse("pollId", pollId);
		Mono<Poll> current = Mono.defer(() -> this.polls.findById(id));
		return current.switchIfEmpty(Mono.error(() -> new PollNotFoundException(id)))
			.concatWith(
					this.live.of("poll", String.valueOf(id)).onBackpressureLatest().concatMap((event) -> current, 1));
	}

}
