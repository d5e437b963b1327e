package vn.egov.dashboard.graphql;

/**
 * Something a request names does not exist; reaches clients as {@code NOT_FOUND}.
 * Features subclass it.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
