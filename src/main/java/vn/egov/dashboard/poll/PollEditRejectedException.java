package vn.egov.dashboard.poll;

import vn.egov.dashboard.graphql.InvalidInputException;

/**
 * A change to a poll that its state forbids; nothing was written. Reaches clients as
 * BAD_REQUEST with the argument in {@code extensions.field} and the reason in
 * {@code extensions.code}.
 */
public class PollEditRejectedException extends InvalidInputException {

	/** Why a change was refused. */
	public enum Reason {

		/** The poll has votes: its options can no longer be renamed or reordered. */
		POLL_HAS_VOTES,
		/** The poll has closed already. */
		POLL_CLOSED

	}

	private final Reason reason;

	PollEditRejectedException(Reason reason, String field, String problem) {
		super(field, problem);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
