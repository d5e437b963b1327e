package vn.egov.dashboard.ratelimit;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A mutation anyone may call, declared by its feature as a bean, and what it costs: each
 * selection of {@code field} draws from the client's write budget {@code budget} one
 * token per item of its list argument {@code itemsArgument} (one token per selection when
 * that is null), and one operation may draw at most {@code maxPerRequest} of them,
 * counted over every selection of the field: aliases, fragments and repeats included.
 * {@link PublicMutationLimits} applies it before the operation runs.
 *
 * @param field the mutation's field name
 * @param budget the write budget ({@link WriteBudgets#BEACON}, {@link WriteBudgets#VOTE})
 * @param itemsArgument the list argument whose items are counted, or null
 * @param maxPerRequest the most tokens one operation may draw from this budget
 */
public record PublicMutation(String field, String budget, @Nullable String itemsArgument, int maxPerRequest) {

	/** Each selection draws one token per item of {@code itemsArgument}. */
	public static PublicMutation perItem(String field, String itemsArgument, String budget, int maxPerRequest) {
		return new PublicMutation(field, budget, itemsArgument, maxPerRequest);
	}

	/** Each selection draws one token. */
	public static PublicMutation perSelection(String field, String budget, int maxPerRequest) {
		return new PublicMutation(field, budget, null, maxPerRequest);
	}

	/** The tokens one selection draws, given its (coerced) arguments. */
	long tokens(Map<String, Object> arguments) {
		if (this.itemsArgument == null) {
			return 1;
		}
		Object items = arguments.get(this.itemsArgument);
		return (items instanceof List<?> list) ? list.size() : ((items != null) ? 1 : 0);
	}

	/** The argument an error names: the counted list, or the field itself. */
	String errorField() {
		return (this.itemsArgument != null) ? this.itemsArgument : this.field;
	}

}
