package vn.egov.dashboard.live;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.poll.TestPolls;
import vn.egov.dashboard.poll.TestPolls.TestPoll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener connection killed with {@code pg_terminate_backend}: the server
 * reconnects, clears its response cache, and later notifications reach caches and
 * subscribers again.
 */
class ListenerRecoveryTests extends IntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ChangeListener listener;

	@Test
	void shouldReconnectClearTheCacheAndDeliverLaterChanges() {
		TestPoll poll = TestPolls.open(this.db);
		LivePolls.read(this.port, poll);
		assertThat(LivePolls.read(this.port, poll)).isEqualTo(new LivePolls.Read(0, "HIT"));
		WebSocketGraphQlTester ws = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new ReactorNettyWebSocketClient())
			.build();
		ws.start().block(TIMEOUT);
		double reconnects = this.meters.counter("egov.live.reconnects").count();

		StepVerifier
			.create(ws.documentName("live/pollResults")
				.variable("pollId", poll.id())
				.executeSubscription()
				.toFlux("pollResults.totalVotes", Long.class))
			.expectNext(0L)
			.then(() -> {
				assertThat(terminateListeners()).isPositive();
				waitUntil(() -> this.meters.counter("egov.live.reconnects").count() > reconnects
						&& this.listener.listening());
				// Nothing sent while the connection was down is replayed: the cache was
				// cleared instead.
				assertThat(LivePolls.read(this.port, poll).cache()).isEqualTo("MISS");
				// A write by "another instance": changed in the database, announced by
				// NOTIFY only.
				this.db.sql("UPDATE poll_option SET votes = votes + 5 WHERE id = :id")
					.bind("id", poll.options().get(0))
					.then()
					.block();
				this.db.sql("SELECT pg_notify('egov_changes', :payload)")
					.bind("payload",
							"{\"origin\":\"other-instance\",\"entity\":\"poll\",\"keys\":[\"" + poll.id() + "\"]}")
					.then()
					.block();
			})
			// After the reconnection the subscription may re-read the poll (still 0),
			// then the notified change.
			.thenConsumeWhile((total) -> total == 0L)
			.expectNext(5L)
			.thenCancel()
			.verify(TIMEOUT);
		ws.stop().block(TIMEOUT);
		waitUntil(() -> LivePolls.read(this.port, poll).totalVotes() == 5);
	}

	private long terminateListeners() {
		return this.db.sql("""
				SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
				WHERE application_name = 'egov-listener' AND datname = current_database()""")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private static void waitUntil(Callable<Boolean> condition) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(condition);
	}

}
