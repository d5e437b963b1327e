package vn.egov.dashboard.system;

import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Small helpers for binding {@code DatabaseClient} parameters.
 */
public final class Binds {

	private Binds() {
	}

	/**
	 * Bind {@code value}, or a typed null when it is absent (an optional filter switched
	 * off).
	 */
	public static <T> GenericExecuteSpec orNull(GenericExecuteSpec spec, String name, @Nullable T value,
			Class<T> type) {
		return (value != null) ? spec.bind(name, value) : spec.bindNull(name, type);
	}

	/** {@code text} with LIKE's wildcards and escape character taken literally. */
	public static String likeLiteral(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
