package vn.egov.dashboard.live;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import reactor.core.publisher.Flux;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import vn.egov.dashboard.poll.TestPolls.TestPoll;
import vn.egov.dashboard.visitor.TestVisitors;

/**
 * Votes and cached reads of a test poll ({@link TestPolls}) over plain HTTP against any
 * instance, and its live totals over WebSocket.
 */
public final class LivePolls {

	/** A response's poll total and its {@code X-Cache} header. */
	record Read(long totalVotes, String cache) {
	}

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private LivePolls() {
	}

	/**
	 * One vote by a new voter through the server at {@code port}; fails unless it was
	 * counted.
	 */
	public static void vote(int port, TestPoll poll, int option) {
		Map<String, Object> body = WebClient.create("http://localhost:" + port + "/graphql")
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.cookie("egov_vid", TestVisitors.cookie(port))
			.bodyValue(Map.of("query", "mutation($p: ID!, $o: ID!) { castVote(pollId: $p, optionId: $o) { id } }",
					"variables", Map.of("p", poll.id(), "o", poll.options().get(option))))
			.retrieve()
			.bodyToMono(MAP)
			.block(Duration.ofSeconds(10));
		if (body == null || body.get("data") == null || body.containsKey("errors")) {
			throw new AssertionError("vote not counted: " + body);
		}
	}

	/**
	 * The poll's total as the server at {@code port} answers an anonymous query, with its
	 * X-Cache header. The id is written into the document: the response cache does not
	 * cache documents with required variables.
	 */
	@SuppressWarnings("unchecked")
	static Read read(int port, TestPoll poll) {
		return WebClient.create("http://localhost:" + port + "/graphql")
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ poll(id: \"" + poll.id() + "\") { id totalVotes } }"))
			.exchangeToMono((response) -> response.bodyToMono(MAP).map((body) -> {
				Map<String, Object> data = (Map<String, Object>) body.get("data");
				Map<String, Object> found = (Map<String, Object>) data.get("poll");
				return new Read(((Number) found.get("totalVotes")).longValue(),
						String.valueOf(response.headers().asHttpHeaders().getFirst("X-Cache")));
			}))
			.block(Duration.ofSeconds(10));
	}

	/**
	 * A client connected to the WebSocket endpoint (graphql-transport-ws) of the server
	 * at {@code port}.
	 */
	public static WebSocketGraphQlTester webSocket(int port) {
		WebSocketGraphQlTester tester = WebSocketGraphQlTester
			.builder(URI.create("ws://localhost:" + port + "/graphql"), new ReactorNettyWebSocketClient())
			.build();
		tester.start().block(Duration.ofSeconds(15));
		return tester;
	}

	/**
	 * The poll's total votes, as its {@code pollResults} subscription over {@code ws}
	 * sends them.
	 */
	public static Flux<Long> totals(WebSocketGraphQlTester ws, TestPoll poll) {
		return ws.documentName("live/pollResults")
			.variable("pollId", poll.id())
			.executeSubscription()
			.toFlux("pollResults.totalVotes", Long.class);
	}

}
