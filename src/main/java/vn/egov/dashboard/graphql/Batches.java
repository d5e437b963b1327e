package vn.egov.dashboard.graphql;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Helpers for {@code @BatchMapping} methods, which answer a map from each parent to its
 * children.
 */
public final class Batches {

	private Batches() {
	}

	/**
	 * Each parent with the children found for its key, or an empty list.
	 */
	public static <P, K, C> Map<P, List<C>> byKey(Collection<P> parents, Function<P, K> key,
			Map<K, ? extends Collection<C>> childrenByKey) {
		Map<P, List<C>> result = new LinkedHashMap<>();
		for (P parent : parents) {
			Collection<C> children = childrenByKey.get(key.apply(parent));
			result.put(parent, (children != null) ? List.copyOf(children) : List.of());
		}
		return result;
	}

}
