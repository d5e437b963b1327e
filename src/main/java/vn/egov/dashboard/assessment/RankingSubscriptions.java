package vn.egov.dashboard.assessment;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.live.LiveEvents;

/**
 * The {@code rankingPublished} subscription: the framework's latest round now (if any),
 * then again each time assessment scores are imported or published on any instance.
 */
@Controller
class RankingSubscriptions {

	private final AssessmentRepository assessments;

	private final LiveEvents live;

	RankingSubscriptions(AssessmentRepository assessments, LiveEvents live) {
		this.assessments = assessments;
		this.live = live;
	}

	@SubscriptionMapping
	Flux<AssessmentRound> rankingPublished(@Argument Framework framework) {
		Mono<AssessmentRound> latest = Mono.defer(() -> this.assessments.findRounds(framework).takeLast(1).next());
		return latest.concatWith(
				this.live.of("assessment", framework.name()).onBackpressureLatest().concatMap((event) -> latest, 1));
	}

}
