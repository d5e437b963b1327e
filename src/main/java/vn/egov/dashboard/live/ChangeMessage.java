package vn.egov.dashboard.live;

import java.util.List;

/**
 * The payload of one NOTIFY: which instance wrote, what kind of data changed and, when
 * known, which rows (ids, not rows; an empty list means any row). PostgreSQL limits a
 * payload to 8000 bytes, so a message naming more than {@link #MAX_KEYS} rows names none.
 *
 * @param origin the sending instance's id, so that it can skip its own messages
 * @param entity what kind of data changed
 * @param keys the changed rows' ids or codes, or empty for any
 */
record ChangeMessage(String origin, String entity, List<String> keys) {

	static final int MAX_KEYS = 100;

	ChangeMessage {
		keys = (keys.size() > MAX_KEYS) ? List.of() : List.copyOf(keys);
	}

}
