package vn.egov.dashboard.live;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.visitor.TestVisitors;

/**
 * Open polls of the live tests' own site, and votes and cached reads over plain HTTP
 * against any instance.
 */
final class LivePolls {

	record TestPoll(long id, List<Long> options) {
	}

	/** A response's poll total and its {@code X-Cache} header. */
	record Read(long totalVotes, String cache) {
	}

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private LivePolls() {
	}

	static TestPoll create(DatabaseClient db) {
		db.sql("INSERT INTO site (code, name) VALUES ('TEST-LIVE', 'Polls of the live tests') ON CONFLICT DO NOTHING")
			.then()
			.block();
		long id = db
			.sql("INSERT INTO poll (site_code, question, opens_at) VALUES ('TEST-LIVE', :q, :opens) RETURNING id")
			.bind("q", "Live test poll " + UUID.randomUUID())
			.bind("opens", OffsetDateTime.now().minusDays(1))
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		List<Long> options = db.sql("""
				INSERT INTO poll_option (poll_id, position, label)
				SELECT :id, p, 'Option ' || p FROM generate_series(1, 2) p RETURNING id""")
			.bind("id", id)
			.map((row) -> row.get(0, Long.class))
			.all()
			.sort()
			.collectList()
			.block();
		return new TestPoll(id, options);
	}

	/**
	 * One vote by a new voter through the server at {@code port}; fails unless it was
	 * counted.
	 */
	static void vote(int port, TestPoll poll, int option) {
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

}
