package vn.egov.dashboard.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.poll.TestPolls;
import vn.egov.dashboard.poll.TestPolls.TestPoll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caps on open subscriptions per WebSocket connection (default 20) and per client
 * over all its connections (default 50), and that slots are given back.
 */
class SubscriptionLimitTests extends IntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	@Autowired
	private SubscriptionLimits limits;

	private int base;

	@Test
	void shouldRefuseASubscriptionOverTheConnectionsCapAndAcceptOneAfterAnotherEnds() {
		TestPoll poll = TestPolls.open(this.db);
		WebSocketGraphQlTester ws = LivePolls.webSocket(this.port);
		// Subscriptions of other tests from this address may still be closing: count from
		// what is open now.
		this.base = this.limits.openOf("127.0.0.1");
		List<Disposable> open = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			StepVerifier.create(LivePolls.totals(ws, poll).take(1)).expectNext(0L).verifyComplete();
			open.add(LivePolls.totals(ws, poll).subscribe((total) -> {
			}, (ex) -> {
			}));
		}
		waitForOpen(20);
		StepVerifier
			.create(ws.documentName("live/pollResults").variable("pollId", poll.id()).executeSubscription().toFlux())
			.assertNext((response) -> response.errors()
				.expect((e) -> "TOO_MANY_SUBSCRIPTIONS".equals(e.getExtensions().get("code"))
						&& e.getErrorType().toString().equals("BAD_REQUEST"))
				.verify())
			.verifyComplete();

		open.remove(0).dispose();
		waitForOpen(19);
		StepVerifier.create(LivePolls.totals(ws, poll).take(1)).expectNext(0L).verifyComplete();
		open.forEach(Disposable::dispose);
		ws.stop().block(TIMEOUT);
		waitForOpen(0);
	}

	@Test
	void shouldRefuseASubscriptionOverTheClientsCapAcrossConnections() {
		TestPoll poll = TestPolls.open(this.db);
		List<WebSocketGraphQlTester> connections = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			WebSocketGraphQlTester ws = LivePolls.webSocket(this.port);
			connections.add(ws);
		}
		this.base = this.limits.openOf("127.0.0.1");
		int room = 50 - this.base;
		List<Disposable> open = new ArrayList<>();
		for (int i = 0; i < room; i++) {
			open.add(LivePolls.totals(connections.get(i / 20), poll).subscribe((total) -> {
			}, (ex) -> {
			}));
		}
		waitForOpen(room);
		// The third connection holds fewer than 20: only the client's cap can refuse this
		// one.
		WebSocketGraphQlTester third = connections.get(room / 20);
		StepVerifier
			.create(third.documentName("live/pollResults").variable("pollId", poll.id()).executeSubscription().toFlux())
			.assertNext((response) -> response.errors()
				.expect((e) -> SubscriptionLimits.CODE.equals(e.getExtensions().get("code")))
				.verify())
			.verifyComplete();

		open.remove(open.size() - 1).dispose();
		waitForOpen(room - 1);
		StepVerifier.create(LivePolls.totals(third, poll).take(1)).expectNext(0L).verifyComplete();
		open.forEach(Disposable::dispose);
		connections.forEach((ws) -> ws.stop().block(TIMEOUT));
		waitForOpen(0);
	}

	@Test
	void shouldRefuseAnSseSubscriptionOverTheClientsCapWithTheSameError() {
		// gh-18: over SSE the refusal read "SSE handler supports only subscriptions".
		TestPoll poll = TestPolls.open(this.db);
		List<WebSocketGraphQlTester> connections = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			WebSocketGraphQlTester ws = LivePolls.webSocket(this.port);
			connections.add(ws);
		}
		this.base = this.limits.openOf("127.0.0.1");
		int room = 50 - this.base;
		List<Disposable> open = new ArrayList<>();
		for (int i = 0; i < room; i++) {
			open.add(LivePolls.totals(connections.get(i / 20), poll).subscribe((total) -> {
			}, (ex) -> {
			}));
		}
		waitForOpen(room);
		List<ServerSentEvent<Map<String, Object>>> events = WebClient.create("http://localhost:" + this.port)
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("query", "subscription($id: ID!) { pollResults(pollId: $id) { totalVotes } }",
					"variables", Map.of("id", poll.id())))
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.filter((event) -> event.event() != null)
			.collectList()
			.block(TIMEOUT);
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("next", "complete");
		assertThat(events.get(0).data()).doesNotContainKey("data");
		assertThat(events.get(0).data().get("errors")).asInstanceOf(InstanceOfAssertFactories.LIST)
			.singleElement()
			.satisfies((error) -> {
				Map<?, ?> map = (Map<?, ?>) error;
				assertThat(map.get("message"))
					.isEqualTo("Too many subscriptions: at most 50 per client; close one first");
				assertThat(map.get("extensions"))
					.isEqualTo(Map.of("classification", "BAD_REQUEST", "code", SubscriptionLimits.CODE));
			});
		// The refused subscription took no slot.
		assertThat(this.limits.openOf("127.0.0.1")).isEqualTo(this.base + room);
		open.forEach(Disposable::dispose);
		connections.forEach((ws) -> ws.stop().block(TIMEOUT));
		waitForOpen(0);
	}

	private void waitForOpen(int expected) {
		Awaitility.await("open subscriptions of 127.0.0.1")
			.atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(10))
			.until(() -> this.limits.openOf("127.0.0.1"), (open) -> open == this.base + expected);
	}

}
