package vn.egov.dashboard.poll;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Setting polls up through the GraphQL endpoint: create, arrange the options before the
 * first vote, close. Each test creates polls of its own questions.
 */
class PollAdminTests extends IntegrationTests {

	/**
	 * Now, to the second, as RFC 3339 writes it: always with its seconds, which
	 * {@code OffsetDateTime.toString()} leaves out when they are zero (a refused
	 * {@code 12:34Z} once a minute).
	 */
	private static final String NOW = DateTimeFormatter.ISO_OFFSET_DATE_TIME
		.format(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));

	@Test
	void shouldCreateArrangeBeforeTheFirstVoteAndClose() {
		GraphQlTester.Response created = create(
				poll("Bạn đánh giá Cổng dịch vụ công thế nào? (thử 1)", List.of("Tốt", "Bình thường", "Chưa tốt")));
		created.path("createPoll.active").entity(Boolean.class).isEqualTo(true);
		created.path("createPoll.site.code").entity(String.class).isEqualTo("CDSQG");
		String id = created.path("createPoll.id").entity(String.class).get();
		List<String> options = created.path("createPoll.options[*].id").entityList(String.class).get();
		// Before the first vote: renamed and reordered.
		asAdmin().documentName("poll/arrangePollOptions")
			.variable("pollId", id)
			.variable("options",
					List.of(Map.of("id", options.get(2), "label", "Chưa tốt"),
							Map.of("id", options.get(0), "label", "Rất tốt"),
							Map.of("id", options.get(1), "label", "Bình thường")))
			.execute()
			.path("arrangePollOptions.options[*].label")
			.entityList(String.class)
			.containsExactly("Chưa tốt", "Rất tốt", "Bình thường");
		this.graphQl.documentName("poll/castVote")
			.variable("pollId", id)
			.variable("optionId", options.get(0))
			.execute()
			.path("castVote.totalVotes")
			.entity(Integer.class)
			.isEqualTo(1);
		// After it: refused with a typed error, nothing changed.
		asAdmin().documentName("poll/arrangePollOptions")
			.variable("pollId", id)
			.variable("options",
					List.of(Map.of("id", options.get(0), "label", "Tốt"), Map.of("id", options.get(1), "label", "Vừa"),
							Map.of("id", options.get(2), "label", "Chưa tốt")))
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST")
					&& "POLL_HAS_VOTES".equals(e.getExtensions().get("code"))
					&& e.getMessage().equals("pollId has 1 votes: its options can no longer be renamed or reordered"))
			.verify();
		assertThat(count("poll_option", "poll_id = " + id + " AND label = 'Rất tốt' AND position = 2")).isEqualTo(1);
		asAdmin().documentName("poll/closePoll")
			.variable("id", id)
			.execute()
			.path("closePoll.active")
			.entity(Boolean.class)
			.isEqualTo(false);
		asAdmin().documentName("poll/closePoll")
			.variable("id", id)
			.execute()
			.errors()
			.expect((e) -> "POLL_CLOSED".equals(e.getExtensions().get("code")))
			.verify();
		assertThat(count("audit_entry", "entity = 'poll' AND entity_id = '" + id + "' AND action IN "
				+ "('createPoll', 'arrangePollOptions', 'closePoll')"))
			.isEqualTo(3);
	}

	@Test
	void shouldRefuseBadPollsAndWriteNothing() {
		String question = "Câu hỏi không hợp lệ (thử)";
		expectBadRequest(create(poll(question, List.of("Chỉ một"))), "options");
		expectBadRequest(create(poll(question, List.of("Có", "có"))), "options[1]");
		expectBadRequest(create(poll(question, List.of("Có", " "))), "options[1]");
		expectBadRequest(create(with(poll(question, List.of("Có", "Không")), "closesAt", "2020-01-01T00:00:00Z")),
				"closesAt");
		expectNotFound(create(with(poll(question, List.of("Có", "Không")), "siteCode", "NO-SUCH-SITE")),
				"No site with code 'NO-SUCH-SITE'");
		assertThat(count("poll", "question = '" + question + "'")).isZero();
		String id = create(poll("Câu hỏi (thử 2)", List.of("Có", "Không"))).path("createPoll.id")
			.entity(String.class)
			.get();
		List<String> options = this.graphQl.documentName("poll/poll")
			.variable("id", id)
			.execute()
			.path("poll.options[*].id")
			.entityList(String.class)
			.get();
		expectBadRequest(asAdmin().documentName("poll/arrangePollOptions")
			.variable("pollId", id)
			.variable("options", List.of(Map.of("id", options.get(0), "label", "A"), Map.of("id", "1", "label", "B")))
			.execute(), "options");
		expectBadRequest(asAdmin().documentName("poll/closePoll")
			.variable("id", id)
			.variable("at", "2020-01-01T00:00:00Z")
			.execute(), "at");
		assertThat(count("poll_option", "poll_id = " + id + " AND label IN ('Có', 'Không')")).isEqualTo(2);
		assertThat(count("poll", "id = " + id + " AND closes_at IS NULL")).isEqualTo(1);
	}

	@Test
	void shouldLetOnlyAnalystsAndAdminsSetPollsUp() {
		Map<String, Object> input = poll("Câu hỏi quyền (thử)", List.of("Có", "Không"));
		this.graphQl.documentName("poll/createPoll")
			.variable("input", input)
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("UNAUTHORIZED"))
			.verify();
		asEditorOf("P01").documentName("poll/createPoll")
			.variable("input", input)
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
		assertThat(count("poll", "question = 'Câu hỏi quyền (thử)'")).isZero();
		String id = as(Role.ANALYST, null).documentName("poll/createPoll")
			.variable("input", input)
			.execute()
			.path("createPoll.id")
			.entity(String.class)
			.get();
		asEditorOf("P01").documentName("poll/closePoll")
			.variable("id", id)
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
		assertThat(count("poll", "id = " + id + " AND closes_at IS NULL")).isEqualTo(1);
	}

	private GraphQlTester.Response create(Map<String, Object> input) {
		return asAdmin().documentName("poll/createPoll").variable("input", input).execute();
	}

	private static Map<String, Object> poll(String question, List<String> options) {
		return Map.of("siteCode", "CDSQG", "question", question, "options", options, "opensAt", NOW);
	}

	private static Map<String, Object> with(Map<String, Object> input, String key, Object value) {
		Map<String, Object> changed = new HashMap<>(input);
		changed.put(key, value);
		return changed;
	}

}
