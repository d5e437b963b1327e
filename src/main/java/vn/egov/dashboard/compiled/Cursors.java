package vn.egov.dashboard.compiled;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the cursors that {@code vn.egov.dashboard.graphql.CursorConfiguration} writes (the sort keys as a JSON
 * object, base64-encoded). Anything else (a cursor in Spring's older format, or not a cursor at all) is left to the
 * ordinary path, which reads the old format and reports the rest as a BAD_REQUEST.
 */
public final class Cursors {

	private Cursors() {
	}

	/** The sort key {@code name} of {@code cursor} as text, as {@code Page.stringKey} reads it. */
	public static String key(String cursor, String name) {
		try {
			String json = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
			Object value = json.startsWith("{") ? JsonMapper.shared().readValue(json, Map.class).get(name) : null;
			if (value != null) {
				return value.toString();
			}
		}
		catch (RuntimeException ex) {
			// the ordinary path explains what is wrong with it
		}
		throw new SqlJson.NotCompilable();
	}

}
