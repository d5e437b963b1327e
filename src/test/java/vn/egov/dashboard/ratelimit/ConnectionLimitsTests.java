package vn.egov.dashboard.ratelimit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.context.TestPropertySource;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.RawHttp;
import vn.egov.dashboard.live.LivePolls;
import vn.egov.dashboard.poll.TestPolls;
import vn.egov.dashboard.poll.TestPolls.TestPoll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slowloris (issue 18, item 9: 500 connections trickling headers stayed open 50 s each):
 * on a server whose requests must send their head within 3 s, whose bodies may pause 2 s
 * and whose addresses may hold 4 connections, through raw sockets as an attacker would;
 * and a WebSocket subscriber, which these deadlines must leave alone.
 */
@TestPropertySource(properties = { "egov.rate-limit.connections.max-per-address=4",
		"egov.rate-limit.connections.header-timeout=3s", "egov.rate-limit.connections.body-timeout=2s" })
class ConnectionLimitsTests extends IntegrationTests {

	private static final String HEALTH = RawHttp.get("/actuator/health");

	@Test
	void shouldCloseAConnectionWhoseHeadersTrickle() throws IOException, InterruptedException {
		try (Socket socket = connect()) {
			OutputStream out = socket.getOutputStream();
			long started = System.nanoTime();
			out.write("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
			boolean closed = false;
			for (int i = 0; i < 50 && !closed; i++) {
				try {
					out.write(("X-Trickle-" + i + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
					out.flush();
					closed = closedWithin(socket, Duration.ofMillis(200));
				}
				catch (IOException ex) {
					closed = true;
				}
			}
			Duration open = Duration.ofNanos(System.nanoTime() - started);
			assertThat(closed).as("closed by the server").isTrue();
			assertThat(open).isBetween(Duration.ofMillis(2900), Duration.ofSeconds(6));
		}
	}

	@Test
	void shouldAnswerARequestOnAKeptAliveConnectionThenCloseItWhenIdle() throws IOException {
		try (Socket socket = connect()) {
			for (int i = 0; i < 2; i++) {
				RawHttp.send(socket, HEALTH);
				assertThat(RawHttp.readHead(socket)).startsWith("HTTP/1.1 200");
			}
			assertThat(closedWithin(socket, Duration.ofSeconds(6))).as("closed once idle past the header timeout")
				.isTrue();
		}
	}

	@Test
	void shouldCapTheConnectionsOfOneAddress() throws IOException {
		List<Socket> held = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				Socket socket = connect();
				// An answer proves the server counted it: connections are counted on
				// their
				// own event loops, so four opened at once may not all be counted yet.
				RawHttp.send(socket, HEALTH);
				assertThat(RawHttp.readHead(socket)).startsWith("HTTP/1.1 200");
				held.add(socket);
			}
			try (Socket fifth = connect()) {
				assertThat(closedWithin(fifth, Duration.ofSeconds(2))).as("the fifth connection").isTrue();
			}
			// The four held ones are still served.
			RawHttp.send(held.get(0), HEALTH);
			assertThat(RawHttp.readHead(held.get(0))).startsWith("HTTP/1.1 200");
			// One closed frees its place, once the server has seen it close.
			held.remove(3).close();
			Awaitility.await("a new connection is served")
				.atMost(Duration.ofSeconds(5))
				.ignoreExceptions()
				.until(() -> {
					try (Socket another = connect()) {
						RawHttp.send(another, HEALTH);
						return RawHttp.readHead(another).startsWith("HTTP/1.1 200");
					}
				});
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

	@Test
	void shouldKeepAWebSocketSubscriptionOpenWhileItsClientSendsNothing() {
		TestPoll poll = TestPolls.open(this.db);
		WebSocketGraphQlTester ws = LivePolls.webSocket(this.port);
		Flux<Long> totals = LivePolls.totals(ws, poll);
		// Twice the body timeout without a frame from the client (the server's own
		// keep-alive pings come every 15 s): the connection must still carry the next
		// result.
		StepVerifier.create(totals)
			.expectNext(0L)
			.expectNoEvent(Duration.ofSeconds(4))
			.then(() -> LivePolls.vote(this.port, poll, 0))
			.expectNext(1L)
			.thenCancel()
			.verify(Duration.ofSeconds(20));
		ws.stop().block(Duration.ofSeconds(10));
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout(8000);
		return socket;
	}

	/** Whether the server closed the connection (end of stream) within {@code wait}. */
	private static boolean closedWithin(Socket socket, Duration wait) throws IOException {
		socket.setSoTimeout((int) wait.toMillis());
		try {
			return socket.getInputStream().read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true; // reset
		}
		finally {
			socket.setSoTimeout(8000);
		}
	}

}
