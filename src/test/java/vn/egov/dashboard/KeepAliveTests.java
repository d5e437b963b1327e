package vn.egov.dashboard;

import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests one after another on one kept-alive connection, as browsers send them. With
 * Reactor Netty 1.3.6 a connection stopped reading once a request answered at once (a
 * cached answer) had been queued behind one still running: the next request waited,
 * unread, until the client gave up (the embed page's vote and page view, 30 s;
 * reactor/reactor-netty #4347, #4361).
 */
class KeepAliveTests extends IntegrationTests {

	/** Answered from the response cache once it holds it: at once, on the event loop. */
	private static final String CACHED = RawHttp.get(query("{ agency(code: \"P48\") { name } }"));

	/**
	 * Never cached (a required variable, which the response cache leaves alone): computed
	 * each time.
	 */
	private static final String COMPUTED = RawHttp.get(query("query($code: String!) { agency(code: $code) { name } }")
			+ "&variables=" + URLEncoder.encode("{\"code\":\"P48\"}", StandardCharsets.UTF_8));

	@Test
	void shouldReadEveryRequestOfAKeptAliveConnection() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			RawHttp.send(socket, CACHED);
			assertThat(RawHttp.readHead(socket)).startsWith("HTTP/1.1 200");
			for (int round = 0; round < 20; round++) {
				// two requests in one write: the second, answered at once, waits for the
				// first
				RawHttp.send(socket, COMPUTED, CACHED);
				assertThat(RawHttp.readHead(socket)).as("round %d, computed", round).startsWith("HTTP/1.1 200");
				assertThat(RawHttp.readHead(socket)).as("round %d, cached", round)
					.startsWith("HTTP/1.1 200")
					.contains("X-Cache: HIT");
				// then one more on the same connection: it must be read
				RawHttp.send(socket, CACHED);
				assertThat(RawHttp.readHead(socket)).as("round %d, the next request", round).startsWith("HTTP/1.1 200");
			}
		}
	}

	private static String query(String document) {
		return "/graphql?query=" + URLEncoder.encode(document, StandardCharsets.UTF_8);
	}

}
