package vn.egov.dashboard.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.pagination.EncodingCursorStrategy;
import org.springframework.graphql.data.query.ScrollPositionCursorStrategy;

/**
 * Cursors are the sort keys of an item as a plain JSON object, base64-encoded
 * ({@code {"code":"P48"}}). Spring's default keyset cursors carry Java class names for
 * every value and go through the HTTP codecs, and Spring makes a cursor for every edge of
 * every page whether the client asks for it or not: 3% of the time of a page of 100
 * agencies. Our keys are only texts and numbers ({@link Page#longKey},
 * {@link Page#stringKey}), which plain JSON keeps. Cursors in Spring's format (made
 * before this change) are still read. A cursor a client made up or mangled is a
 * BAD_REQUEST on {@code after}, not an internal error, and so is one whose keys are not
 * texts or whole numbers that fit a {@code long}: the query limits check every
 * {@code after} with this strategy before anything runs.
 */
@Configuration(proxyBeanMethods = false)
class CursorConfiguration {

	@Bean
	EncodingCursorStrategy<ScrollPosition> cursorStrategy() {
		return CursorStrategy.withEncoder(new KeysetCursors(new ScrollPositionCursorStrategy()),
				new CheckedEncoder(CursorEncoder.base64()));
	}

	private static InvalidInputException badCursor() {
		return new InvalidInputException("after", "is not a cursor of this list");
	}

	private record KeysetCursors(CursorStrategy<ScrollPosition> spring) implements CursorStrategy<ScrollPosition> {

		private static final JsonMapper json = JsonMapper.shared();

		private static final TypeReference<LinkedHashMap<String, Object>> KEYS = new TypeReference<>() {
		};

		@Override
		public boolean supports(Class<?> targetType) {
			return ScrollPosition.class.isAssignableFrom(targetType);
		}

		@Override
		public String toCursor(ScrollPosition position) {
			if (position instanceof KeysetScrollPosition keyset && !keyset.isInitial()) {
				return json.writeValueAsString(keyset.getKeys());
			}
			return this.spring.toCursor(position);
		}

		@Override
		public ScrollPosition fromCursor(String cursor) {
			ScrollPosition position;
			try {
				position = cursor.startsWith("{") ? ScrollPosition.forward(json.readValue(cursor, KEYS))
						: this.spring.fromCursor(cursor);
			}
			catch (RuntimeException ex) {
				throw badCursor();
			}
			if (!(position instanceof KeysetScrollPosition keyset)
					|| !keyset.getKeys().values().stream().allMatch(KeysetCursors::isKey)) {
				throw badCursor();
			}
			return position;
		}

		/**
		 * Whether a value can be a sort key of ours: a text, or a whole number that fits
		 * a {@code long} (a larger one must not be cut to another row's key).
		 */
		private static boolean isKey(Object value) {
			return value instanceof String || value instanceof Integer || value instanceof Long;
		}

	}

	private record CheckedEncoder(CursorEncoder delegate) implements CursorEncoder {

		@Override
		public String encode(String cursor) {
			return this.delegate.encode(cursor);
		}

		@Override
		public String decode(String cursor) {
			try {
				return this.delegate.decode(cursor);
			}
			catch (RuntimeException ex) {
				throw badCursor();
			}
		}

	}

}
