package vn.egov.dashboard.poll;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.poll.VoteRejectedException.Reason;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.system.DataChangedEvent;
import vn.egov.dashboard.visitor.KeyedHash;
import vn.egov.dashboard.visitor.Visitor;

/**
 * Every write to polls: anonymous votes, one per voter and poll, at most
 * {@code egov.poll.max-votes-per-address} per client address and poll.
 * <p>
 * The voter is the browser's first-party visitor cookie, which only counts when this
 * server issued it ({@link Visitor#id()}); a client without one is identified by its
 * address and user agent, and is given a cookie derived from them, so that its next
 * request (now with the cookie) is still the same voter. Rotating cookies or user agents
 * makes new voters, but all from one address, whose votes in a poll are capped. Only
 * HMACs under {@code egov.poll.voter-salt} of the voter id and of the address are stored.
 * Everything is checked before the transaction that records and counts the vote; that
 * transaction cannot count a vote twice, lose one or pass the cap, whatever runs beside
 * it, and a refused vote rolls back whole.
 */
@Service
public class PollService {

	private final PollRepository polls;

	private final KeyedHash voters;

	private final int maxVotesPerAddress;

	private final Clock clock;

	private final Counter votes;

	private final Changes changes;

	PollService(PollRepository polls, PollProperties properties, Clock clock, MeterRegistry meters, Changes changes) {
		this.changes = changes;
		this.polls = polls;
		this.voters = KeyedHash.of(properties.voterSalt(), "egov.poll.voter-salt");
		this.maxVotesPerAddress = properties.maxVotesPerAddress();
		this.clock = clock;
		this.votes = Counter.builder("egov.poll.votes").description("Poll votes counted").register(meters);
	}

	/**
	 * Counts the client's vote and answers the poll with it; nothing is written when a
	 * check fails.
	 */
	Mono<Poll> castVote(String pollId, String optionId, Visitor visitor) {
		long poll = Ids.parse("pollId", pollId);
		long option = Ids.parse("optionId", optionId);
		Instant now = this.clock.instant();
		return this.polls.findById(poll)
			.switchIfEmpty(Mono.error(() -> new PollNotFoundException(poll)))
			.flatMap((found) -> checkOption(found, option).then(Mono.fromRunnable(() -> checkOpen(found, now))))
			.then(Mono
				.defer(() -> this.changes.commit(DataChangedEvent.of("poll", poll),
						this.polls.vote(poll, option, this.voters.bytes("voter|" + voterId(visitor)),
								this.voters.bytes("address|" + visitor.addressBlock()), this.maxVotesPerAddress, now)
							.thenReturn(true))))
			.doOnNext((counted) -> this.votes.increment())
			.then(Mono.defer(() -> this.polls.findById(poll)));
	}

	/**
	 * The visitor id of the cookie the server issued; without one, an id derived from
	 * address and user agent, which becomes the cookie.
	 */
	private String voterId(Visitor visitor) {
		String id = visitor.id();
		if (id != null) {
			return id;
		}
		String derived = this.voters.hex128("client|" + visitor.fallbackKey());
		visitor.issue(derived);
		return derived;
	}

	private Mono<Void> checkOption(Poll poll, long optionId) {
		if (poll.option(optionId) != null) {
			return Mono.empty();
		}
		return this.polls.pollOfOption(optionId)
			.flatMap((other) -> Mono.<Void>error(new VoteRejectedException(Reason.OPTION_NOT_IN_POLL, "optionId",
					"is an option of another poll, not of poll " + poll.id())))
			.switchIfEmpty(Mono.error(() -> new VoteRejectedException(Reason.UNKNOWN_OPTION, "optionId",
					"names no option, was " + optionId)));
	}

	private static void checkOpen(Poll poll, Instant now) {
		if (now.isBefore(poll.opensAt().toInstant())) {
			throw new VoteRejectedException(Reason.POLL_NOT_OPEN, "pollId",
					"is not open yet; it opens at " + poll.opensAt());
		}
		if (!poll.openAt(now)) {
			throw new VoteRejectedException(Reason.POLL_CLOSED, "pollId", "is closed; it closed at " + poll.closesAt());
		}
	}

}
