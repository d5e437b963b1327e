package vn.egov.dashboard.graphql;

import org.jspecify.annotations.Nullable;

/**
 * Checks free-text arguments before they are written.
 */
public final class Texts {

	private Texts() {
	}

	/**
	 * {@code value} trimmed; blank or longer than {@code max} characters is a
	 * BAD_REQUEST.
	 */
	public static String required(String field, @Nullable String value, int max) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, "must not be blank");
		}
		return optional(field, value, max);
	}

	/**
	 * {@code value} trimmed, or null when blank; longer than {@code max} characters is a
	 * BAD_REQUEST.
	 */
	public static @Nullable String optional(String field, @Nullable String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.length() > max) {
			throw new InvalidInputException(field, "must be at most " + max + " characters, was " + trimmed.length());
		}
		return trimmed;
	}

}
