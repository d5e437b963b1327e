package vn.egov.dashboard.graphql;

/**
 * Reads numeric {@code ID} arguments.
 */
public final class Ids {

	private Ids() {
	}

	/** The id as a number; anything else is a BAD_REQUEST naming {@code field}. */
	public static long parse(String field, String id) {
		try {
			long value = Long.parseLong(id.trim());
			if (value > 0) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new InvalidInputException(field, "must be a positive whole number, was '" + id + "'");
	}

}
