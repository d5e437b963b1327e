package vn.egov.dashboard.poll;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.CappedServer;
import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.poll.TestPolls.TestPoll;
import vn.egov.dashboard.visitor.TestVisitors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vote stuffing from one address, on a server that takes at most 3 votes per address and
 * poll and 40 vote attempts per client ({@link CappedServer}). Each test votes from
 * addresses of its own ({@code X-Forwarded-For} from the trusted 127.0.0.1) in polls of
 * its own.
 */
@CappedServer
class VoteStuffingTests extends IntegrationTests {

	private static final String CAST_VOTE = """
			mutation castVote($pollId: ID!, $optionId: ID!) {
				castVote(pollId: $pollId, optionId: $optionId) { id totalVotes }
			}""";

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Test
	void shouldCountRotatingCookiesTheServerDidNotIssueAsOneVisitor() {
		TestPoll poll = TestPolls.create(this.db, -1, null);
		List<String> outcomes = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			Vote vote = vote(trusted(), "203.0.113.10", poll, 0, "forged-" + UUID.randomUUID(), "StuffingBot/1.0");
			outcomes.add(vote.outcome());
			assertThat(vote.setCookie()).as("a forged cookie is replaced by one the server issues")
				.startsWith("egov_vid=");
		}
		assertThat(outcomes.get(0)).isEqualTo("COUNTED");
		assertThat(outcomes.subList(1, 40)).containsOnly("ALREADY_VOTED");
		assertThat(TestPolls.optionVotes(this.db, poll)).containsExactly(1L, 0L, 0L);
		assertThat(count("poll_vote", "poll_id = " + poll.id())).isEqualTo(1);
	}

	@Test
	void shouldCapWhatOneAddressAddsHoweverUserAgentsRotate() {
		TestPoll poll = TestPolls.create(this.db, -1, null);
		List<String> outcomes = new ArrayList<>();
		for (int i = 0; i < 39; i++) {
			outcomes.add(vote(trusted(), "203.0.113.20", poll, i % 3, null, "Browser/" + i).outcome());
		}
		assertThat(outcomes.subList(0, 3)).containsOnly("COUNTED");
		assertThat(outcomes.subList(3, 39)).containsOnly("ADDRESS_LIMIT");
		// Another address still votes.
		assertThat(vote(trusted(), "203.0.113.21", poll, 0, null, "Browser/0").outcome()).isEqualTo("COUNTED");
		assertThat(count("poll_vote", "poll_id = " + poll.id())).isEqualTo(4);
		assertThat(TestPolls.optionVotes(this.db, poll)).containsExactly(2L, 1L, 1L);
		// The cap is per poll: the same address votes in another poll.
		TestPoll other = TestPolls.create(this.db, -1, null);
		assertThat(vote(trusted(), "203.0.113.20", other, 0, null, "Browser/0").outcome()).isEqualTo("COUNTED");
	}

	@Test
	void shouldNotLetConcurrentVotesPassTheCap() {
		TestPoll poll = TestPolls.create(this.db, -1, null);
		List<String> cookies = IntStream.range(0, 30).mapToObj((i) -> TestVisitors.cookie(this.port)).toList();
		WebClient client = trusted();
		List<String> outcomes = Flux.range(0, 30)
			.flatMap((i) -> voteAsync(client, "203.0.113.30", poll, i % 3, cookies.get(i), "Browser"), 30)
			.map(Vote::outcome)
			.collectList()
			.block(Duration.ofMinutes(1));
		assertThat(outcomes).hasSize(30);
		assertThat(outcomes.stream().filter("COUNTED"::equals).count()).isEqualTo(3);
		assertThat(outcomes.stream().filter("ADDRESS_LIMIT"::equals).count()).isEqualTo(27);
		assertThat(count("poll_vote", "poll_id = " + poll.id())).isEqualTo(3);
		assertThat(TestPolls.optionVotes(this.db, poll).stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
		assertThat(count("poll_address", "poll_id = " + poll.id() + " AND votes = 3")).isEqualTo(1);
	}

	@Test
	void shouldBelieveForwardedAddressesOnlyFromTrustedProxies() {
		TestPoll poll = TestPolls.create(this.db, -1, null);
		// 127.0.0.2 is not a trusted proxy: whatever X-Forwarded-For it sends, it is one
		// address.
		WebClient untrusted = WebClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.clientConnector(new ReactorClientHttpConnector(
					HttpClient.create().bindAddress(() -> new InetSocketAddress("127.0.0.2", 0))))
			.build();
		List<String> outcomes = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			outcomes.add(vote(untrusted, "198.51.100." + (100 + i), poll, 0, TestVisitors.cookie(this.port), "Browser")
				.outcome());
		}
		assertThat(outcomes).containsExactly("COUNTED", "COUNTED", "COUNTED", "ADDRESS_LIMIT", "ADDRESS_LIMIT");
		// Through the trusted proxy, each forwarded address is its own.
		for (int i = 0; i < 5; i++) {
			assertThat(vote(trusted(), "198.51.100." + (100 + i), poll, 1, TestVisitors.cookie(this.port), "Browser")
				.outcome()).isEqualTo("COUNTED");
		}
		assertThat(count("poll_vote", "poll_id = " + poll.id())).isEqualTo(8);
	}

	@Test
	void shouldStoreAddressesOnlyAsKeyedHashes() {
		TestPoll poll = TestPolls.create(this.db, -1, null);
		String address = "203.0.113.77";
		assertThat(vote(trusted(), address, poll, 2, null, "Browser").outcome()).isEqualTo("COUNTED");
		List<String> stored = this.db.sql("SELECT encode(address, 'hex') FROM poll_address WHERE poll_id = :id")
			.bind("id", poll.id())
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		assertThat(stored).hasSize(1);
		assertThat(stored.get(0)).hasSize(64)
			.doesNotContain(HexFormat.of().formatHex(address.getBytes()))
			.isNotEqualTo(sha256(address));
	}

	@Test
	void shouldGiveVotesABudgetOfTheirOwnHoweverTheyAreAliased() {
		TestPoll poll = TestPolls.create(this.db, -1, null);
		String client = "203.0.113.40";
		// 30 aliases: 30 vote attempts (one is counted, the others come from the same
		// voter), then 10 more; the 41st attempt is refused before anything runs.
		assertThat(castVotes(client, poll, 30)).doesNotContain("RATE_LIMITED");
		assertThat(castVotes(client, poll, 10)).doesNotContain("RATE_LIMITED");
		Map<String, Object> refused = post(trusted(), client, castVotesDocument(1),
				Map.of("p", poll.id(), "o", poll.options().get(0)), null, "Browser");
		assertThat(refused.get("data")).isNull();
		@SuppressWarnings("unchecked")
		Map<String, Object> extensions = (Map<String, Object>) ((List<Map<String, Object>>) refused.get("errors"))
			.get(0)
			.get("extensions");
		assertThat(extensions).containsEntry("classification", "RATE_LIMITED").containsEntry("resource", "vote");
		assertThat(count("poll_vote", "poll_id = " + poll.id())).isEqualTo(1);
	}

	// --- helpers

	record Vote(String outcome, @Nullable String setCookie) {
	}

	private WebClient trusted() {
		return WebClient.create("http://127.0.0.1:" + this.port);
	}

	private Vote vote(WebClient client, String forwardedFor, TestPoll poll, int option, @Nullable String cookie,
			String userAgent) {
		return voteAsync(client, forwardedFor, poll, option, cookie, userAgent).block(Duration.ofSeconds(10));
	}

	private Mono<Vote> voteAsync(WebClient client, String forwardedFor, TestPoll poll, int option,
			@Nullable String cookie, String userAgent) {
		return request(client, forwardedFor, cookie, userAgent)
			.bodyValue(Map.of("query", CAST_VOTE, "variables",
					Map.of("pollId", poll.id(), "optionId", poll.options().get(option))))
			.exchangeToMono((response) -> response.bodyToMono(MAP)
				.map((body) -> new Vote(outcome(body),
						response.headers().asHttpHeaders().getFirst(HttpHeaders.SET_COOKIE))));
	}

	/**
	 * A GraphQL request from {@code forwardedFor} (as the trusted proxy forwards it) with
	 * this cookie (null: none) and user agent.
	 */
	private static WebClient.RequestBodySpec request(WebClient client, String forwardedFor, @Nullable String cookie,
			String userAgent) {
		WebClient.RequestBodySpec request = client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Forwarded-For", forwardedFor)
			.header(HttpHeaders.USER_AGENT, userAgent);
		return (cookie != null) ? request.cookie("egov_vid", cookie) : request;
	}

	private List<String> castVotes(String client, TestPoll poll, int aliases) {
		Map<String, Object> body = post(trusted(), client, castVotesDocument(aliases),
				Map.of("p", poll.id(), "o", poll.options().get(0)), null, "Browser");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> errors = (List<Map<String, Object>>) body.getOrDefault("errors", List.of());
		List<String> codes = new ArrayList<>();
		for (Map<String, Object> error : errors) {
			@SuppressWarnings("unchecked")
			Map<String, Object> extensions = (Map<String, Object>) error.get("extensions");
			codes.add(String.valueOf(extensions.getOrDefault("code", extensions.get("classification"))));
		}
		return codes;
	}

	private static String castVotesDocument(int aliases) {
		return IntStream.range(0, aliases)
			.mapToObj((i) -> "v" + i + ": castVote(pollId: $p, optionId: $o) { id }")
			.collect(Collectors.joining(" ", "mutation($p: ID!, $o: ID!) { ", " }"));
	}

	private Map<String, Object> post(WebClient client, String forwardedFor, String document,
			Map<String, Object> variables, @Nullable String cookie, String userAgent) {
		return request(client, forwardedFor, cookie, userAgent)
			.bodyValue(Map.of("query", document, "variables", variables))
			.retrieve()
			.bodyToMono(MAP)
			.block(Duration.ofSeconds(10));
	}

	/**
	 * COUNTED, or the refusal's {@code extensions.code} (or classification when it has
	 * none).
	 */
	@SuppressWarnings("unchecked")
	private static String outcome(Map<String, Object> body) {
		Map<String, Object> data = (Map<String, Object>) body.get("data");
		if (data != null && data.get("castVote") != null) {
			return "COUNTED";
		}
		List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
		assertThat(errors).as("errors of %s", body).hasSize(1);
		Map<String, Object> extensions = (Map<String, Object>) errors.get(0).get("extensions");
		return String.valueOf(extensions.getOrDefault("code", extensions.get("classification")));
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
