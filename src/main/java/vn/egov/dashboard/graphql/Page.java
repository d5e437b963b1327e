package vn.egov.dashboard.graphql;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.query.ScrollSubrange;

/**
 * A keyset page request taken from a connection's {@code first}/{@code after}:
 * repositories fetch {@link #fetchSize()} rows after the {@link #after()} keys and turn
 * them into a {@link Window}.
 *
 * @param after the sort keys of the last row already seen, or {@code null} for the first
 * page
 * @param size how many rows the page holds
 */
public record Page(@Nullable Map<String, Object> after, int size) {

	/** Page size when {@code first} is not given. */
	public static final int DEFAULT_SIZE = 20;

	/**
	 * The largest {@code first} a client may ask for, of a connection or a plain list; a
	 * larger one is an error, not silently clamped ({@code graphql.limits.Measurer}).
	 */
	public static final int MAX_SIZE = 100;

	public static Page of(ScrollSubrange subrange) {
		if (!subrange.forward()) {
			throw new InvalidInputException("last", "only forward pagination with first/after is supported");
		}
		// first is in 0..MAX_SIZE: the query limits refuse any other before anything
		// runs.
		int size = subrange.count().orElse(DEFAULT_SIZE);
		ScrollPosition position = subrange.position().orElse(null);
		if (position == null || position.isInitial()) {
			return new Page(null, size);
		}
		if (position instanceof KeysetScrollPosition keyset) {
			return new Page(keyset.getKeys(), size);
		}
		throw new InvalidInputException("after", "is not a cursor of this list");
	}

	/** Rows to fetch: one more than the page, to learn whether a next page exists. */
	public int fetchSize() {
		return this.size + 1;
	}

	/**
	 * The value of one sort key of the {@code after} cursor; the cursor must carry it.
	 */
	public Object key(String name) {
		Object value = (this.after != null) ? this.after.get(name) : null;
		if (value == null) {
			throw new InvalidInputException("after", "is not a cursor of this list");
		}
		return value;
	}

	/** A {@code long} sort key of the {@code after} cursor. */
	public long longKey(String name) {
		if (key(name) instanceof Number number) {
			return number.longValue();
		}
		throw new InvalidInputException("after", "is not a cursor of this list");
	}

	/** A text sort key of the {@code after} cursor. */
	public String stringKey(String name) {
		return key(name).toString();
	}

	/**
	 * The page of {@code rows} (fetched with {@link #fetchSize()}), each with a cursor
	 * made of its sort keys.
	 */
	public <T> Window<T> window(List<T> rows, Function<T, Map<String, Object>> keys) {
		boolean hasNext = rows.size() > this.size;
		List<T> items = hasNext ? rows.subList(0, this.size) : rows;
		return Window.from(items, (i) -> ScrollPosition.forward(keys.apply(items.get(i))), hasNext);
	}

}
