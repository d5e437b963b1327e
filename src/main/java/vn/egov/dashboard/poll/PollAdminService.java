package vn.egov.dashboard.poll;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.Texts;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.poll.PollEditRejectedException.Reason;
import vn.egov.dashboard.security.AnalystWrite;
import vn.egov.dashboard.security.AuditLog;
import vn.egov.dashboard.system.DataChangedEvent;
import vn.egov.dashboard.traffic.SiteNotFoundException;
import vn.egov.dashboard.traffic.SiteRepository;

/**
 * Setting polls up: creating one with its options, closing it, and renaming or reordering
 * its options while nobody has voted (a vote is for an answer as it read when it was
 * cast). ANALYST or ADMIN; audited; each request is checked in full before anything is
 * written.
 */
@Service
public class PollAdminService {

	static final int MIN_OPTIONS = 2;

	static final int MAX_OPTIONS = 20;

	/** Input of {@code createPoll}. */
	record CreatePollInput(String siteCode, String question, List<String> options, OffsetDateTime opensAt,
			@Nullable OffsetDateTime closesAt, @Nullable String note) {
	}

	/** An option as {@code arrangePollOptions} gives it: which one, and its label. */
	record OptionInput(String id, String label) {
	}

	private final PollRepository polls;

	private final SiteRepository sites;

	private final Clock clock;

	private final Changes changes;

	private final AuditLog audit;

	PollAdminService(PollRepository polls, SiteRepository sites, Clock clock, Changes changes, AuditLog audit) {
		this.polls = polls;
		this.sites = sites;
		this.clock = clock;
		this.changes = changes;
		this.audit = audit;
	}

	@AnalystWrite
	public Mono<Poll> create(CreatePollInput input) {
		String question = Texts.required("question", input.question(), 500);
		String note = Texts.optional("note", input.note(), 2000);
		List<String> options = labels("options", input.options());
		Instant opensAt = input.opensAt().toInstant();
		Instant closesAt = (input.closesAt() != null) ? input.closesAt().toInstant() : null;
		if (closesAt != null && !closesAt.isAfter(opensAt)) {
			throw new InvalidInputException("closesAt", "must be after opensAt " + input.opensAt());
		}
		if (closesAt != null && closesAt.isBefore(this.clock.instant())) {
			throw new InvalidInputException("closesAt", "must not be in the past, was " + input.closesAt());
		}
		Mono<Poll> insert = this.sites.findByCode(input.siteCode())
			.switchIfEmpty(Mono.error(() -> new SiteNotFoundException(input.siteCode())))
			.then(Mono.defer(() -> this.polls.insert(input.siteCode(), question, options, opensAt, closesAt, note)))
			.flatMap(this.polls::findById)
			.flatMap((poll) -> this.audit.record("createPoll", "poll", poll.id(), null, poll).thenReturn(poll));
		return this.changes.commit(insert, PollAdminService::changed);
	}

	/** Closes the poll at {@code at} (default now), which must not be in the past. */
	@AnalystWrite
	public Mono<Poll> close(String pollId, @Nullable OffsetDateTime at) {
		long id = Ids.parse("id", pollId);
		Instant now = this.clock.instant();
		Instant closing = (at != null) ? at.toInstant() : now;
		if (closing.isBefore(now)) {
			throw new InvalidInputException("at",
					"must not be in the past (votes cast since would be lost), was " + at);
		}
		Mono<Poll> update = this.polls.lockById(id)
			.switchIfEmpty(Mono.error(() -> new PollNotFoundException(id)))
			.flatMap((old) -> {
				if (old.closesAt() != null && !old.closesAt().toInstant().isAfter(now)) {
					return Mono.error(new PollEditRejectedException(Reason.POLL_CLOSED, "id",
							"names a poll that closed at " + old.closesAt()));
				}
				if (!closing.isAfter(old.opensAt().toInstant())) {
					return Mono
						.error(new InvalidInputException("at", "must be after the poll opens, " + old.opensAt()));
				}
				return this.polls.close(id, closing)
					.then(this.polls.findById(id))
					.flatMap((poll) -> this.audit.record("closePoll", "poll", id, old, poll).thenReturn(poll));
			});
		return this.changes.commit(update, PollAdminService::changed);
	}

	/**
	 * Gives every option of the poll its label and position, in the order given, while
	 * the poll has no vote.
	 */
	@AnalystWrite
	public Mono<Poll> arrange(String pollId, List<OptionInput> options) {
		long id = Ids.parse("pollId", pollId);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < options.size(); i++) {
			ids.add(Ids.parse("options[" + i + "].id", options.get(i).id()));
		}
		List<String> labels = labels("options", options.stream().map(OptionInput::label).toList());
		Mono<Poll> update = this.polls.lockById(id)
			.switchIfEmpty(Mono.error(() -> new PollNotFoundException(id)))
			.flatMap((old) -> {
				if (old.totalVotes() > 0) {
					return Mono.error(new PollEditRejectedException(Reason.POLL_HAS_VOTES, "pollId",
							"has " + old.totalVotes() + " votes: its options can no longer be renamed or reordered"));
				}
				Set<Long> existing = new HashSet<>();
				old.options().forEach((o) -> existing.add(o.id()));
				if (!existing.equals(new HashSet<>(ids)) || ids.size() != existing.size()) {
					return Mono.error(new InvalidInputException("options",
							"must name every option of the poll exactly once, in the new order: " + existing));
				}
				return this.polls.arrangeOptions(id, ids, labels)
					.then(this.polls.findById(id))
					.flatMap((poll) -> this.audit.record("arrangePollOptions", "poll", id, old, poll).thenReturn(poll));
			});
		return this.changes.commit(update, PollAdminService::changed);
	}

	static DataChangedEvent changed(Poll poll) {
		return DataChangedEvent.of("poll", poll.id());
	}

	/** The labels, trimmed: 2 to 20, none blank, none twice (whatever the case). */
	private static List<String> labels(String field, List<String> given) {
		if (given.size() < MIN_OPTIONS || given.size() > MAX_OPTIONS) {
			throw new InvalidInputException(field,
					"must have " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options, had " + given.size());
		}
		List<String> labels = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < given.size(); i++) {
			String label = Texts.required(field + "[" + i + "]", given.get(i), 200);
			if (!seen.add(label.toLowerCase(Locale.ROOT))) {
				throw new InvalidInputException(field + "[" + i + "]", "repeats '" + label + "'");
			}
			labels.add(label);
		}
		return labels;
	}

}
