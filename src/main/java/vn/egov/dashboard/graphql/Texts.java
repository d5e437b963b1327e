package vn.egov.dashboard.graphql;

import java.util.Locale;

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

	/**
	 * Why {@code text} cannot be stored as UTF-8 in PostgreSQL, or null when it can: the
	 * NUL character U+0000, which PostgreSQL's text types cannot hold, or an unpaired
	 * UTF-16 surrogate (as JSON's {@code "\uD800"} decodes to), which is no Unicode
	 * character and which the driver's encoder silently writes as {@code ?}.
	 */
	public static @Nullable String unstorable(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				return "must not contain the NUL character (U+0000)";
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return "must be valid Unicode text: character " + (i + 1) + " is an unpaired surrogate (U+"
						+ Integer.toHexString(c).toUpperCase(Locale.ROOT) + ")";
			}
		}
		return null;
	}

}
