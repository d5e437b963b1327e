package vn.egov.dashboard.poll;

import vn.egov.dashboard.graphql.InvalidInputException;

/**
 * A vote that cannot be counted; nothing was written. Reaches clients as BAD_REQUEST with
 * the argument in {@code extensions.field} and the reason in {@code extensions.code}.
 */
public class VoteRejectedException extends InvalidInputException {

	/** Why a vote was refused. */
	public enum Reason {

		/** The poll opens later. */
		POLL_NOT_OPEN,
		/** The poll has closed. */
		POLL_CLOSED,
		/** No option has that id. */
		UNKNOWN_OPTION,
		/** The option belongs to another poll. */
		OPTION_NOT_IN_POLL,
		/** This voter has already voted in this poll. */
		ALREADY_VOTED,
		/**
		 * The voter's address has cast as many votes in this poll as one address may
		 * ({@code egov.poll.max-votes-per-address}).
		 */
		ADDRESS_LIMIT

	}

	private final Reason reason;

	VoteRejectedException(Reason reason, String field, String problem) {
		super(field, problem);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
