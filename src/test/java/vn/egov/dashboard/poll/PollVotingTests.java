package vn.egov.dashboard.poll;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.poll.TestPolls.TestPoll;
import vn.egov.dashboard.visitor.TestVisitors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Voting through the GraphQL endpoint, each test on polls of its own.
 */
class PollVotingTests extends IntegrationTests {

	private static final String CAST_VOTE = """
			mutation castVote($pollId: ID!, $optionId: ID!) {
				castVote(pollId: $pollId, optionId: $optionId) { id totalVotes options { id votes percent } }
			}""";

	@LocalServerPort
	private int port;

	private WebClient http;

	@BeforeEach
	void client() {
		this.http = WebClient.create("http://localhost:" + this.port);
	}

	@Test
	void shouldShowTheSeedPollWithItsPublishedPercentages() {
		var response = this.graphQl.documentName("poll/polls")
			.variable("siteCode", "CDSQG")
			.variable("active", true)
			.execute();
		response.path("polls.edges[0].node.question")
			.entity(String.class)
			.isEqualTo("Ý kiến về Trang thông tin điện tử Cục Chuyển đổi số quốc gia?");
		response.path("polls.edges[0].node.options[*].label")
			.entityList(String.class)
			.containsExactly("Đạt yêu cầu", "Chưa đạt yêu cầu", "Cần thêm chủ đề");
		response.path("polls.edges[0].node.options[*].votes").entityList(Integer.class).containsExactly(1180, 107, 57);
		response.path("polls.edges[0].node.options[*].percent").entityList(Integer.class).containsExactly(88, 8, 4);
		response.path("polls.edges[0].node.totalVotes").entity(Integer.class).isEqualTo(1344);
	}

	@Test
	void shouldFilterPollsByActivity() {
		this.graphQl.documentName("poll/polls")
			.variable("siteCode", "HANOI")
			.variable("active", false)
			.execute()
			.path("polls.totalCount")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("polls.edges[0].node.active")
			.entity(Boolean.class)
			.isEqualTo(false);
		this.graphQl.documentName("poll/polls")
			.variable("siteCode", "HANOI")
			.variable("active", true)
			.execute()
			.path("polls.totalCount")
			.entity(Integer.class)
			.isEqualTo(0);
	}

	@Test
	void shouldCountAVoteAndRefuseASecondOneFromTheSameVoter() {
		TestPoll poll = createPoll(-1, null);
		String voter = cookie();
		Map<String, Object> first = vote(poll.id(), poll.options().get(1), voter);
		assertThat(data(first)).isNotNull();
		assertThat(votes(data(first))).containsExactly(0, 1, 0);
		assertThat(percents(data(first))).containsExactly(0, 100, 0);

		Map<String, Object> second = vote(poll.id(), poll.options().get(0), voter);
		assertThat(data(second)).isNull();
		assertThat(errorCode(second)).isEqualTo("ALREADY_VOTED");
		assertThat(errorClassification(second)).isEqualTo("BAD_REQUEST");
		assertThat(count("poll_vote", "poll_id = " + poll.id())).isEqualTo(1);
		assertThat(optionVotes(poll)).containsExactly(0L, 1L, 0L);
	}

	@Test
	void shouldKnowACookielessVoterByAddressAndUserAgentAndHandItTheCookie() {
		TestPoll poll = createPoll(-1, null);
		String userAgent = "PollVotingTests/" + UUID.randomUUID();
		var first = this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.USER_AGENT, userAgent)
			.bodyValue(Map.of("query", CAST_VOTE, "variables",
					Map.of("pollId", poll.id(), "optionId", poll.options().get(0))))
			.exchangeToMono((response) -> response.bodyToMono(MAP)
				.map((body) -> Map.entry(response.cookies().getFirst("egov_vid").getValue(), body)))
			.block();
		assertThat(data(first.getValue())).isNotNull();
		String derived = first.getKey();

		Map<String, Object> again = post(CAST_VOTE, Map.of("pollId", poll.id(), "optionId", poll.options().get(2)),
				null, userAgent);
		assertThat(errorCode(again)).isEqualTo("ALREADY_VOTED");
		Map<String, Object> withCookie = post(CAST_VOTE, Map.of("pollId", poll.id(), "optionId", poll.options().get(2)),
				derived, "another browser string");
		assertThat(errorCode(withCookie)).isEqualTo("ALREADY_VOTED");
		assertThat(optionVotes(poll)).containsExactly(1L, 0L, 0L);
		// Only hashes are stored: neither the cookie nor the user agent appears in the
		// vote.
		assertThat(count("poll_vote",
				"poll_id = " + poll.id() + " AND (position('" + derived + "' IN encode(voter, 'hex')) > 0)"))
			.isZero();
	}

	@Test
	void shouldSetTheVisitorCookieWhenTheRequestHasNone() {
		String setCookie = this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ sites { code } }"))
			.exchangeToMono((response) -> response.releaseBody()
				.thenReturn(String.valueOf(response.headers().asHttpHeaders().getFirst(HttpHeaders.SET_COOKIE))))
			.block();
		assertThat(setCookie).startsWith("egov_vid=").contains("HttpOnly").contains("SameSite=Lax");
		String none = this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.cookie("egov_vid", cookie())
			.bodyValue(Map.of("query", "{ sites { code } }"))
			.exchangeToMono((response) -> response.releaseBody()
				.thenReturn(String.valueOf(response.headers().asHttpHeaders().getFirst(HttpHeaders.SET_COOKIE))))
			.block();
		assertThat(none).isEqualTo("null");
		// A cookie the server did not issue, or one altered, is no cookie: it is
		// replaced.
		String issued = cookie();
		String altered = ((issued.charAt(0) == 'a') ? "b" : "a") + issued.substring(1);
		for (String forged : List.of("test-" + UUID.randomUUID(), altered, issued + "x")) {
			String replaced = this.http.post()
				.uri("/graphql")
				.contentType(MediaType.APPLICATION_JSON)
				.cookie("egov_vid", forged)
				// A query of its own: answers from the response cache set no cookie.
				.bodyValue(Map.of("query", "{ forged" + Math.abs(forged.hashCode()) + ": sites { code } }"))
				.exchangeToMono((response) -> response.releaseBody()
					.thenReturn(String.valueOf(response.headers().asHttpHeaders().getFirst(HttpHeaders.SET_COOKIE))))
				.block();
			assertThat(replaced).as(forged).startsWith("egov_vid=").doesNotContain(forged);
		}
	}

	@Test
	void shouldRefuseAVoteOnAClosedPollAndWriteNothing() {
		TestPoll poll = createPoll(-30, -1);
		Map<String, Object> response = vote(poll.id(), poll.options().get(0), cookie());
		assertThat(data(response)).isNull();
		assertThat(errorCode(response)).isEqualTo("POLL_CLOSED");
		assertThat(count("poll_vote", "poll_id = " + poll.id())).isZero();
		assertThat(optionVotes(poll)).containsExactly(0L, 0L, 0L);
	}

	@Test
	void shouldRefuseAVoteOnAPollNotOpenYet() {
		TestPoll poll = createPoll(1, null);
		Map<String, Object> response = vote(poll.id(), poll.options().get(0), cookie());
		assertThat(errorCode(response)).isEqualTo("POLL_NOT_OPEN");
		assertThat(count("poll_vote", "poll_id = " + poll.id())).isZero();
	}

	@Test
	void shouldRefuseAnUnknownOptionAndAnOptionOfAnotherPoll() {
		TestPoll poll = createPoll(-1, null);
		TestPoll other = createPoll(-1, null);
		Map<String, Object> unknown = vote(poll.id(), 999_999_999L, cookie());
		assertThat(errorCode(unknown)).isEqualTo("UNKNOWN_OPTION");
		assertThat(errorField(unknown)).isEqualTo("optionId");
		Map<String, Object> foreign = vote(poll.id(), other.options().get(0), cookie());
		assertThat(errorCode(foreign)).isEqualTo("OPTION_NOT_IN_POLL");
		assertThat(count("poll_vote", "poll_id IN (" + poll.id() + ", " + other.id() + ")")).isZero();
		assertThat(optionVotes(other)).containsExactly(0L, 0L, 0L);
	}

	@Test
	void shouldAnswerNotFoundForAnUnknownPollAndBadRequestForAMalformedId() {
		Map<String, Object> unknown = post(CAST_VOTE, Map.of("pollId", "999999999", "optionId", "1"), cookie(), "t");
		assertThat(errorClassification(unknown)).isEqualTo("NOT_FOUND");
		Map<String, Object> malformed = post(CAST_VOTE, Map.of("pollId", "abc", "optionId", "1"), cookie(), "t");
		assertThat(errorClassification(malformed)).isEqualTo("BAD_REQUEST");
		assertThat(errorField(malformed)).isEqualTo("pollId");
	}

	@Test
	void shouldCountHundredsOfConcurrentVotesExactly() {
		TestPoll poll = createPoll(-1, null);
		int voters = 300;
		List<String> cookies = new ArrayList<>();
		for (int i = 0; i < voters; i++) {
			cookies.add(cookie());
		}
		// Every voter votes once for option i % 3; 60 of them also try a second time, at
		// the same moment (the two attempts are sent one after the other, so both are in
		// flight together). The voters come in random order.
		List<Integer> order = new ArrayList<>(java.util.stream.IntStream.range(0, voters).boxed().toList());
		java.util.Collections.shuffle(order, new java.util.Random(7));
		List<int[]> attempts = new ArrayList<>();
		for (int i : order) {
			attempts.add(new int[] { i, i % 3 });
			if (i % 5 == 0) {
				attempts.add(new int[] { i, (i + 1) % 3 });
			}
		}
		// Voters come from 30 addresses (127.0.1.1 to 127.0.1.30, all loopback), ten
		// each.
		List<WebClient> addresses = new ArrayList<>();
		for (int a = 1; a <= 30; a++) {
			InetSocketAddress local = new InetSocketAddress("127.0.1." + a, 0);
			addresses.add(WebClient.builder()
				.baseUrl("http://127.0.0.1:" + this.port)
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create().bindAddress(() -> local)))
				.build());
		}
		AtomicInteger counted = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		Map<String, Integer> other = new java.util.concurrent.ConcurrentHashMap<>();
		Flux.fromIterable(attempts)
			.flatMap((a) -> addresses.get(a[0] % 30)
				.post()
				.uri("/graphql")
				.contentType(MediaType.APPLICATION_JSON)
				.cookie("egov_vid", cookies.get(a[0]))
				.bodyValue(Map.of("query", CAST_VOTE, "variables",
						Map.of("pollId", poll.id(), "optionId", poll.options().get(a[1]))))
				.retrieve()
				.bodyToMono(MAP), 30)
			.doOnNext((body) -> {
				if (data(body) != null) {
					counted.incrementAndGet();
				}
				else if ("ALREADY_VOTED".equals(errorCode(body))) {
					refused.incrementAndGet();
				}
				else {
					other.merge(String.valueOf(body.get("errors")), 1, Integer::sum);
				}
			})
			.blockLast(Duration.ofMinutes(2));
		assertThat(other).as("answers that were neither a vote nor ALREADY_VOTED").isEmpty();
		assertThat(counted.get()).isEqualTo(voters);
		assertThat(refused.get()).isEqualTo(attempts.size() - voters);
		List<Long> perOption = optionVotes(poll);
		assertThat(perOption.stream().mapToLong(Long::longValue).sum()).isEqualTo(voters);
		assertThat(count("poll_vote", "poll_id = " + poll.id())).isEqualTo(voters);
		// Each option's counter equals its vote rows: nothing lost, nothing counted
		// twice.
		for (int o = 0; o < 3; o++) {
			assertThat(perOption.get(o)).isEqualTo(count("poll_vote", "option_id = " + poll.options().get(o)));
		}
		// And each address's count is its ten voters.
		assertThat(count("poll_address", "poll_id = " + poll.id() + " AND votes = 10")).isEqualTo(30);
	}

	@Test
	void shouldReadTheVotesPerDayOfAPageOfPollsAsOfEachPollAlone() {
		// A page's votes per day are read for all its polls at once (a DataLoader): each
		// poll must get its own days.
		String days = "votesPerDay(from: \"2025-08-30\", to: \"2025-10-02\") { date votes options { optionId label votes } }";
		var page = this.graphQl.document("{ polls(first: 100) { edges { node { id " + days + " } } } }").execute();
		List<String> ids = page.path("polls.edges[*].node.id").entityList(String.class).get();
		assertThat(ids).hasSizeGreaterThanOrEqualTo(2);
		int withVotes = 0;
		for (int i = 0; i < ids.size(); i++) {
			Object alone = this.graphQl.document("{ poll(id: \"" + ids.get(i) + "\") { " + days + " } }")
				.execute()
				.path("poll.votesPerDay")
				.entity(Object.class)
				.get();
			page.path("polls.edges[" + i + "].node.votesPerDay").entity(Object.class).isEqualTo(alone);
			withVotes += alone.toString().matches(".*votes=[1-9].*") ? 1 : 0;
		}
		assertThat(withVotes).as("polls with votes in the range").isPositive();
	}

	@Test
	void shouldReportVotesPerDayWithoutTheImportedOnes() {
		long sample = this.db.sql("SELECT id FROM poll WHERE site_code = 'HANOI'")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		var response = this.graphQl.documentName("poll/votesPerDay").variable("id", sample).execute();
		List<Integer> perDay = response.path("poll.votesPerDay[*].votes").entityList(Integer.class).get();
		assertThat(perDay).hasSize(30);
		assertThat(perDay.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2400);
		response.path("poll.votesPerDay[0].date").entity(String.class).isEqualTo("2025-09-01");
		response.path("poll.votesPerDay[29].date").entity(String.class).isEqualTo("2025-09-30");
		response.path("poll.totalVotes").entity(Integer.class).isEqualTo(2400);

		TestPoll poll = createPoll(-1, null);
		vote(poll.id(), poll.options().get(2), cookie());
		var today = this.graphQl.documentName("poll/votesPerDay").variable("id", poll.id()).execute();
		List<Integer> todays = today.path("poll.votesPerDay[*].votes").entityList(Integer.class).get();
		assertThat(todays.get(todays.size() - 1)).isEqualTo(1);
		today.path("poll.votesPerDay[-1].options[*].votes").entityList(Integer.class).containsExactly(0, 0, 1);
	}

	@Test
	void shouldRefuseAVotesPerDayRangeBackwards() {
		TestPoll poll = createPoll(-1, null);
		this.graphQl.documentName("poll/votesPerDay")
			.variable("id", poll.id())
			.variable("from", "2026-01-02")
			.variable("to", "2026-01-01")
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST"))
			.verify();
	}

	// --- helpers

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private TestPoll createPoll(int opensInDays, Integer closesInDays) {
		return TestPolls.create(this.db, opensInDays, closesInDays);
	}

	private List<Long> optionVotes(TestPoll poll) {
		return TestPolls.optionVotes(this.db, poll);
	}

	/** A visitor cookie the server issued, as a browser has it. */
	private String cookie() {
		return TestVisitors.cookie(this.port);
	}

	private Map<String, Object> vote(long pollId, long optionId, String cookie) {
		return post(CAST_VOTE, Map.of("pollId", pollId, "optionId", optionId), cookie, "PollVotingTests");
	}

	private Map<String, Object> post(String query, Map<String, Object> variables, String cookie, String userAgent) {
		var request = this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.USER_AGENT, userAgent);
		if (cookie != null) {
			request = request.cookie("egov_vid", cookie);
		}
		return request.bodyValue(Map.of("query", query, "variables", variables)).retrieve().bodyToMono(MAP).block();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> data(Map<String, Object> body) {
		Map<String, Object> data = (Map<String, Object>) body.get("data");
		return (data != null) ? (Map<String, Object>) data.get("castVote") : null;
	}

	@SuppressWarnings("unchecked")
	private static List<Integer> votes(Map<String, Object> poll) {
		return ((List<Map<String, Object>>) poll.get("options")).stream().map((o) -> (Integer) o.get("votes")).toList();
	}

	@SuppressWarnings("unchecked")
	private static List<Integer> percents(Map<String, Object> poll) {
		return ((List<Map<String, Object>>) poll.get("options")).stream()
			.map((o) -> (Integer) o.get("percent"))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> extensions(Map<String, Object> body) {
		List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
		assertThat(errors).as("errors of %s", body).hasSize(1);
		return (Map<String, Object>) errors.get(0).get("extensions");
	}

	private static String errorCode(Map<String, Object> body) {
		return (String) extensions(body).get("code");
	}

	private static String errorField(Map<String, Object> body) {
		return (String) extensions(body).get("field");
	}

	private static String errorClassification(Map<String, Object> body) {
		return (String) extensions(body).get("classification");
	}

}
