package vn.egov.dashboard.live;

import java.net.URI;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import vn.egov.dashboard.EgovDashboardApplication;
import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestDatabase;
import vn.egov.dashboard.poll.TestPolls;
import vn.egov.dashboard.poll.TestPolls.TestPoll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database: the shared test server (A) and a second one started here
 * (B). Writes on A reach B's response cache and B's subscribers through PostgreSQL
 * NOTIFY.
 */
class TwoInstanceTests extends IntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static ConfigurableApplicationContext second;

	private static int secondPort;

	@BeforeAll
	static void startSecondInstance() {
		second = new SpringApplicationBuilder(EgovDashboardApplication.class)
			.properties("server.port=0", "DB_NAME=" + TestDatabase.NAME, "egov.demo-data.enabled=false",
					"spring.main.banner-mode=off")
			.run();
		secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
	}

	@AfterAll
	static void stopSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void shouldInvalidateTheOtherInstancesCachedAnswerAtOnce() {
		TestPoll poll = TestPolls.open(this.db);
		assertThat(LivePolls.read(secondPort, poll)).isEqualTo(new LivePolls.Read(0, "MISS"));
		assertThat(LivePolls.read(secondPort, poll)).isEqualTo(new LivePolls.Read(0, "HIT"));

		LivePolls.vote(this.port, poll, 0);
		// The response TTL is 30 s: a new total within a few seconds can only come from
		// the NOTIFY.
		LivePolls.Read read = Awaitility.await("the vote reaches the other instance's cache")
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> LivePolls.read(secondPort, poll), (answer) -> answer.totalVotes() > 0);
		assertThat(read).isEqualTo(new LivePolls.Read(1, "MISS"));
		assertThat(LivePolls.read(secondPort, poll)).isEqualTo(new LivePolls.Read(1, "HIT"));
	}

	@Test
	void shouldSendAWriteOnOneInstanceToSubscribersOfTheOther() {
		TestPoll poll = TestPolls.open(this.db);
		WebSocketGraphQlTester onB = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + secondPort + "/graphql"), new ReactorNettyWebSocketClient())
			.build();
		onB.start().block(TIMEOUT);
		StepVerifier
			.create(onB.documentName("live/pollResults")
				.variable("pollId", poll.id())
				.executeSubscription()
				.toFlux("pollResults.totalVotes", Long.class))
			.expectNext(0L)
			.then(() -> LivePolls.vote(this.port, poll, 1))
			.expectNext(1L)
			.thenCancel()
			.verify(TIMEOUT);
		onB.stop().block(TIMEOUT);
	}

	@Test
	void shouldNotHandleAnInstancesOwnNotificationTwice() {
		TestPoll poll = TestPolls.open(this.db);
		double before = received(second);
		double beforeA = received(null);
		LivePolls.vote(this.port, poll, 0);
		Awaitility.await("B hears A's notification")
			.atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> received(second) > before);
		Awaitility.await("A does not handle its own notification")
			.during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(1))
			.until(() -> received(null) == beforeA);
	}

	/**
	 * Notifications from other instances received by B, or by A when {@code context} is
	 * null.
	 */
	private double received(ConfigurableApplicationContext context) {
		var meters = (context != null) ? context.getBean(MeterRegistry.class) : this.meters;
		return meters.counter("egov.live.notifications").count();
	}

	@Autowired
	private MeterRegistry meters;

}
