package vn.egov.dashboard.live;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.graphql.client.SubscriptionErrorException;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.poll.TestPolls;
import vn.egov.dashboard.poll.TestPolls.TestPoll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions through both transports: graphql-transport-ws over WebSocket and SSE on
 * the HTTP path.
 */
class SubscriptionTests extends IntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	@Test
	void shouldSendPollResultsOverWebSocketAfterEachVote() {
		TestPoll poll = TestPolls.open(this.db);
		WebSocketGraphQlTester ws = LivePolls.webSocket(this.port);
		Flux<Long> totals = LivePolls.totals(ws, poll);
		StepVerifier.create(totals)
			.expectNext(0L)
			.then(() -> LivePolls.vote(this.port, poll, 0))
			.expectNext(1L)
			.then(() -> LivePolls.vote(this.port, poll, 1))
			.expectNext(2L)
			.thenCancel()
			.verify(TIMEOUT);
		ws.stop().block(TIMEOUT);
	}

	@Test
	void shouldSendPollResultsOverServerSentEvents() {
		TestPoll poll = TestPolls.open(this.db);
		Flux<List<Integer>> votes = sse().documentName("live/pollResults")
			.variable("pollId", poll.id())
			.executeSubscription()
			.toFlux()
			.map((response) -> response.path("pollResults.options[*].votes").entityList(Integer.class).get());
		StepVerifier.create(votes)
			.expectNext(List.of(0, 0, 0))
			.then(() -> LivePolls.vote(this.port, poll, 1))
			.expectNext(List.of(0, 1, 0))
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void shouldCoalesceABurstOfVotesIntoAFewEvents() {
		TestPoll poll = TestPolls.open(this.db);
		int burst = 60;
		List<Long> totals = sse().documentName("live/pollResults")
			.variable("pollId", poll.id())
			.executeSubscription()
			.toFlux("pollResults.totalVotes", Long.class)
			.doOnNext((total) -> {
				if (total == 0) {
					Flux.range(0, burst)
						.flatMap((i) -> Mono.fromRunnable(() -> LivePolls.vote(this.port, poll, i % 2))
							.subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), 16)
						.subscribe();
				}
			})
			.takeUntil((total) -> total == burst)
			.collectList()
			.block(TIMEOUT);
		assertThat(totals).startsWith(0L).endsWith((long) burst);
		// Every vote is an event, but the subscriber is sent at most one per event window
		// (250 ms).
		assertThat(totals.size()).isLessThan(burst / 3);
	}

	@Test
	void shouldRefuseAnUnknownPollAsNotFound() {
		WebSocketGraphQlTester ws = LivePolls.webSocket(this.port);
		ws.documentName("live/pollResults")
			.variable("pollId", "999999999")
			.executeSubscription()
			.toFlux()
			.as(StepVerifier::create)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(SubscriptionErrorException.class,
					(error) -> assertThat(error.getErrors()).singleElement()
						.satisfies((e) -> assertThat(e.getErrorType().toString()).isEqualTo("NOT_FOUND"))))
			.verify(TIMEOUT);
		ws.stop().block(TIMEOUT);
	}

	@Test
	void shouldSendTheCurrentValueFirstForEverySubscription() {
		sse().documentName("live/onlineNow")
			.variable("siteCode", "CDSQG")
			.executeSubscription()
			.toFlux("onlineNow.total", Long.class)
			.as(StepVerifier::create)
			.assertNext((total) -> assertThat(total).isNotNegative())
			.thenCancel()
			.verify(TIMEOUT);
		sse().documentName("live/rankingPublished")
			.variable("framework", "DTI")
			.executeSubscription()
			.toFlux("rankingPublished.year", Integer.class)
			.as(StepVerifier::create)
			.assertNext((year) -> assertThat(year).isGreaterThan(2019))
			.thenCancel()
			.verify(TIMEOUT);
		sse().documentName("live/progressChanged")
			.variable("indicatorCode", "NOSUCH-INDICATOR")
			.executeSubscription()
			.toFlux()
			.as(StepVerifier::create)
			.assertNext((response) -> response.path("progressChanged.targets").entityList(Object.class).hasSize(0))
			.thenCancel()
			.verify(TIMEOUT);
	}

	private GraphQlTester sse() {
		return GraphQlTester.builder(new SseTransport(this.port)).build();
	}

}
