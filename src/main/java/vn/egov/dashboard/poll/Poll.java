package vn.egov.dashboard.poll;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A poll with its options, their counts and percentages as read together
 * ({@link PollRepository#optionsWithPercents}), so the percentages, which come from all
 * the options at once, always add up to 100 and match {@link #totalVotes()}.
 *
 * @param closesAt null while the poll has no closing date
 */
public record Poll(long id, String siteCode, String question, OffsetDateTime opensAt, @Nullable OffsetDateTime closesAt,
		@Nullable String note, List<PollOption> options) {

	public long totalVotes() {
		return this.options.stream().mapToLong(PollOption::votes).sum();
	}

	/**
	 * Votes carried over from before this system, which have no per-voter record (and no
	 * day).
	 */
	public long importedVotes() {
		return this.options.stream().mapToLong(PollOption::importedVotes).sum();
	}

	/**
	 * Whether votes are taken at {@code at}: from the opening (inclusive) to the closing
	 * (exclusive).
	 */
	boolean openAt(Instant at) {
		return !at.isBefore(this.opensAt.toInstant())
				&& (this.closesAt == null || at.isBefore(this.closesAt.toInstant()));
	}

	@Nullable PollOption option(long optionId) {
		return this.options.stream().filter((o) -> o.id() == optionId).findFirst().orElse(null);
	}

}
