package vn.egov.dashboard.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.pagination.EncodingCursorStrategy;
import org.springframework.graphql.data.query.ScrollPositionCursorStrategy;

/**
 * Cursors are Spring's keyset cursors (the sort keys as JSON, base64-encoded), except that a cursor a
 * client made up or mangled is a BAD_REQUEST on {@code after}, not an internal error.
 */
@Configuration(proxyBeanMethods = false)
class CursorConfiguration {

	@Bean
	EncodingCursorStrategy<ScrollPosition> cursorStrategy() {
		return CursorStrategy.withEncoder(new CheckedStrategy(new ScrollPositionCursorStrategy()),
				new CheckedEncoder(CursorEncoder.base64()));
	}

	private static InvalidInputException badCursor() {
		return new InvalidInputException("after", "is not a cursor of this list");
	}

	private record CheckedStrategy(CursorStrategy<ScrollPosition> delegate) implements CursorStrategy<ScrollPosition> {

		@Override
		public boolean supports(Class<?> targetType) {
			return this.delegate.supports(targetType);
		}

		@Override
		public String toCursor(ScrollPosition position) {
			return this.delegate.toCursor(position);
		}

		@Override
		public ScrollPosition fromCursor(String cursor) {
			try {
				return this.delegate.fromCursor(cursor);
			}
			catch (RuntimeException ex) {
				throw badCursor();
			}
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
