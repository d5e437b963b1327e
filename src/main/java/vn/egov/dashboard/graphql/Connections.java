package vn.egov.dashboard.graphql;

import graphql.execution.DataFetcherResult;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Window;

/**
 * A page of a Relay connection together with the (lazily run) count of all matching
 * items.
 */
public final class Connections {

	private Connections() {
	}

	/**
	 * A page whose connection resolves {@code totalCount} by subscribing to
	 * {@code count}.
	 */
	public static <T> DataFetcherResult<Window<T>> of(Window<T> page, Mono<Long> count) {
		return DataFetcherResult.<Window<T>>newResult().data(page).localContext(new Count(count)).build();
	}

	record Count(Mono<Long> value) {
	}

}
