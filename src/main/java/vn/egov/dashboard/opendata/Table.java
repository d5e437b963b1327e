package vn.egov.dashboard.opendata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a GraphQL answer becomes rows: {@code query} is run with a dataset's variables; the
 * rows are the items of the list at {@code lists.get(0)} (a dotted path from the data),
 * or, with a second path, the items of the list at that path inside each of them (an
 * agency's scores, round by round). A connection's list is its {@code edges}.
 */
record Table(String query, List<String> lists, List<Column> columns) {

	/** The rows of an answer's {@code data}, each a map from column name to value. */
	List<Map<String, @Nullable Object>> rows(Map<String, Object> data, Map<String, @Nullable Object> variables) {
		List<Map<String, @Nullable Object>> rows = new ArrayList<>();
		for (Object outer : list(data, this.lists.get(0))) {
			if (this.lists.size() == 1) {
				rows.add(row(List.of(outer), variables));
				continue;
			}
			for (Object inner : list(outer, this.lists.get(1))) {
				rows.add(row(List.of(outer, inner), variables));
			}
		}
		return rows;
	}

	private Map<String, @Nullable Object> row(List<Object> items, Map<String, @Nullable Object> variables) {
		Map<String, @Nullable Object> row = new LinkedHashMap<>();
		for (Column column : this.columns) {
			row.put(column.name(), column.path().startsWith("$") ? variables.get(column.path().substring(1))
					: value(items.get(column.level()), column.path()));
		}
		return row;
	}

	private static List<?> list(@Nullable Object from, String path) {
		return (value(from, path) instanceof List<?> list) ? list : List.of();
	}

	/** The value at a dotted path, or null where the path meets a null. */
	static @Nullable Object value(@Nullable Object from, String path) {
		Object value = from;
		for (String field : path.split("\\.")) {
			if (!(value instanceof Map<?, ?> map)) {
				return null;
			}
			value = map.get(field);
		}
		return value;
	}

}
