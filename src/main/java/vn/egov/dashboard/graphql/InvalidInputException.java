package vn.egov.dashboard.graphql;

/**
 * An argument is not acceptable; reaches clients as {@code BAD_REQUEST} with the
 * argument's name in {@code extensions.field}. Nothing has been written when it is
 * thrown.
 */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String problem) {
		super(field + " " + problem);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
