package vn.egov.dashboard.system;

import java.util.List;
import java.util.function.Predicate;

/**
 * Published after a committed write changed public data of one kind
 * ({@code "measurement"}, {@code "plan"}, …), so that derived views (gauges, caches,
 * subscriptions) can refresh at once.
 * <p>
 * Events of local writes are also sent to the other instances (PostgreSQL NOTIFY, see
 * {@code vn.egov.dashboard.live}), which publish them again with {@code remote} set. The
 * entity {@link #EVERYTHING} means "anything may have changed" (after a lost event-bus
 * connection).
 *
 * @param entity what kind of data changed, or {@link #EVERYTHING}
 * @param keys the ids or codes of the changed rows when known (e.g. the poll id); empty:
 * any of them
 * @param remote whether the write happened on another instance (so it must not be sent on
 * again)
 */
public record DataChangedEvent(String entity, List<String> keys, boolean remote) {

	/** Every kind of data may have changed: drop every cached answer. */
	public static final String EVERYTHING = "*";

	public DataChangedEvent {
		keys = List.copyOf(keys);
	}

	public DataChangedEvent(String entity) {
		this(entity, List.of(), false);
	}

	/** A local change of the rows with the given keys. */
	public static DataChangedEvent of(String entity, Object... keys) {
		return new DataChangedEvent(entity, java.util.Arrays.stream(keys).map(String::valueOf).toList(), false);
	}

	/** Whether a view derived from {@code kind} must refresh. */
	public boolean affects(String kind) {
		return this.entity.equals(kind) || this.entity.equals(EVERYTHING);
	}

	/** Whether a view of the row {@code key} of {@code kind} must refresh. */
	public boolean affects(String kind, String key) {
		return affects(kind, key::equals);
	}

	/**
	 * Whether a view of the rows of {@code kind} whose keys match {@code key} must
	 * refresh.
	 */
	public boolean affects(String kind, Predicate<String> key) {
		return affects(kind) && (this.keys.isEmpty() || this.keys.stream().anyMatch(key));
	}

}
