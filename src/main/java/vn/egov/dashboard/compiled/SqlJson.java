package vn.egov.dashboard.compiled;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import graphql.normalized.ExecutableNormalizedField;
import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * One query being compiled: the SQL of its fields, and the values bound to the statement. Values are always bound,
 * never written into the SQL; result keys are GraphQL names ({@code [_A-Za-z][_0-9A-Za-z]*}), safe in a literal.
 */
public final class SqlJson {

	/** {@code json_build_object} takes at most 100 arguments: 50 keys and their values. */
	static final int MAX_KEYS = 50;

	private final Map<String, Map<String, SqlJsonType.FieldSql>> types;

	private final Map<String, Object> values = new LinkedHashMap<>();

	private int aliases;

	SqlJson(Map<String, Map<String, SqlJsonType.FieldSql>> types) {
		this.types = types;
	}

	/** The statement answering {@code fields} (the operation's root fields): one row, one column, the JSON text. */
	String statement(List<ExecutableNormalizedField> fields) {
		return "SELECT " + object("Query", fields, "") + "::text";
	}

	/** The statement with every value bound. */
	GenericExecuteSpec bind(GenericExecuteSpec spec) {
		for (Map.Entry<String, Object> value : this.values.entrySet()) {
			spec = (value.getValue() instanceof TypedNull typed) ? spec.bindNull(value.getKey(), typed.type())
					: spec.bind(value.getKey(), value.getValue());
		}
		return spec;
	}

	/** A JSON object of the {@code selected} fields of the row {@code row}, a value of {@code typeName}. */
	String object(String typeName, List<ExecutableNormalizedField> selected, String row) {
		if (selected.size() > MAX_KEYS) {
			throw new NotCompilable();
		}
		Map<String, SqlJsonType.FieldSql> fields = this.types.getOrDefault(typeName, Map.of());
		StringJoiner object = new StringJoiner(", ", "json_build_object(", ")");
		for (ExecutableNormalizedField field : selected) {
			String expression;
			if (field.getName().equals("__typename")) {
				expression = "'" + typeName + "'";
			}
			else {
				SqlJsonType.FieldSql sql = fields.get(field.getName());
				if (sql == null) {
					throw new NotCompilable();
				}
				expression = sql.expression(new Field(field, this), row);
			}
			object.add("'" + field.getResultKey() + "', " + expression);
		}
		return object.toString();
	}

	private String bind(@Nullable Object value, Class<?> type) {
		String name = "v" + (this.values.size() + 1);
		this.values.put(name, (value != null) ? value : new TypedNull(type));
		return ":" + name;
	}

	private String alias() {
		return "j" + (++this.aliases);
	}

	/** A field being compiled, with what its SQL needs: its arguments, binds, fresh aliases, its selection. */
	public record Field(ExecutableNormalizedField node, SqlJson query) {

		/** The argument's value after variables were applied (enums as their names, input objects as maps). */
		public @Nullable Object argument(String name) {
			return this.node.getResolvedArguments().get(name);
		}

		/** A placeholder for {@code value}, or for a null of {@code type}. */
		public String bind(@Nullable Object value, Class<?> type) {
			return this.query.bind(value, type);
		}

		/** A table alias not used anywhere else in the statement. */
		public String alias() {
			return this.query.alias();
		}

		/** The JSON object of this field's selection on the row {@code row}, a value of {@code typeName}. */
		public String object(String typeName, String row) {
			return this.query.object(typeName, this.node.getChildren(), row);
		}

		/** The fields selected under this one, as fields of {@code typeName}'s SQL. */
		public List<Field> children() {
			return this.node.getChildren().stream().map((child) -> new Field(child, this.query)).toList();
		}

		/**
		 * A Relay connection of {@code nodeType} (its {@code edges}, {@code pageInfo}, {@code totalCount}) over
		 * {@code page}: the connection's own rows as Spring's {@code Window} pages them forward.
		 */
		public String connection(String nodeType, Page page) {
			String rows = alias();
			String shown = alias();
			StringJoiner object = new StringJoiner(", ", "(WITH " + rows + " AS (" + page.rows() + "), " + shown
					+ " AS (SELECT * FROM " + rows + " ORDER BY " + page.order("") + " LIMIT " + page.size()
					+ ") SELECT json_build_object(", "))");
			if (this.node.getChildren().size() > MAX_KEYS) {
				throw new NotCompilable();
			}
			for (Field child : children()) {
				String expression = switch (child.name()) {
					case "__typename" -> "'" + nodeType + "Connection'";
					case "totalCount" -> page.count();
					case "edges" -> edges(child, nodeType, page, shown);
					case "pageInfo" -> pageInfo(child, page, rows, shown);
					default -> throw new NotCompilable();
				};
				object.add("'" + child.resultKey() + "', " + expression);
			}
			return object.toString();
		}

		private String edges(Field edges, String nodeType, Page page, String shown) {
			String row = alias();
			StringJoiner edge = new StringJoiner(", ", "json_build_object(", ")");
			for (Field child : edges.children()) {
				String expression = switch (child.name()) {
					case "__typename" -> "'" + nodeType + "Edge'";
					case "cursor" -> page.cursor(row);
					case "node" -> child.object(nodeType, row);
					default -> throw new NotCompilable();
				};
				edge.add("'" + child.resultKey() + "', " + expression);
			}
			return "coalesce((SELECT json_agg(" + edge + " ORDER BY " + page.order(row + ".") + ") FROM " + shown + " "
					+ row + "), '[]'::json)";
		}

		private String pageInfo(Field pageInfo, Page page, String rows, String shown) {
			String row = alias();
			StringJoiner info = new StringJoiner(", ", "json_build_object(", ")");
			for (Field child : pageInfo.children()) {
				String expression = switch (child.name()) {
					case "__typename" -> "'PageInfo'";
					// An empty page has no next page, as Spring's WindowConnectionAdapter says.
					case "hasNextPage" -> (page.size() == 0) ? "false"
							: "(SELECT count(*) > " + page.size() + " FROM " + rows + ")";
					// Forward keyset pages never have a previous page (Spring's WindowConnectionAdapter).
					case "hasPreviousPage" -> "false";
					case "startCursor" -> "(SELECT " + page.cursor(row) + " FROM " + shown + " " + row + " ORDER BY "
							+ page.order(row + ".") + " LIMIT 1)";
					case "endCursor" -> "(SELECT " + page.cursor(row) + " FROM " + shown + " " + row + " ORDER BY "
							+ page.descendingOrder(row + ".") + " LIMIT 1)";
					default -> throw new NotCompilable();
				};
				info.add("'" + child.resultKey() + "', " + expression);
			}
			return info.toString();
		}

		/** The field's name in the schema (not its alias). */
		public String name() {
			return this.node.getName();
		}

		/** The key of the field in the answer: its alias, or its name. */
		public String resultKey() {
			return this.node.getResultKey();
		}

	}

	/**
	 * One page of a connection ordered by {@code keys} (ascending, unique together), in the shape of
	 * {@code vn.egov.dashboard.graphql.Page}: {@code rows} is a query for at most {@code size} + 1 rows after the
	 * {@code after} cursor, in order; {@code count} an expression counting every row of the connection. Cursors are
	 * the keys as a JSON object, base64-encoded, exactly as {@code CursorConfiguration} writes them.
	 */
	public record Page(String rows, List<String> keys, int size, String count) {

		String order(String prefix) {
			return String.join(", ", this.keys.stream().map((key) -> prefix + key).toList());
		}

		String descendingOrder(String prefix) {
			return String.join(", ", this.keys.stream().map((key) -> prefix + key + " DESC").toList());
		}

		String cursor(String row) {
			StringJoiner keys = new StringJoiner(" || ',' || ", "'{' || ", " || '}'");
			for (String key : this.keys) {
				keys.add("'\"" + key + "\":' || to_json(" + row + "." + key + ")::text");
			}
			return "translate(encode(convert_to(" + keys + ", 'UTF8'), 'base64'), E'\\n', '')";
		}

	}

	/**
	 * Thrown while compiling when a field, argument or selection has no SQL form; the query then runs on the ordinary
	 * path, which gives the same answer (or the error) field by field.
	 */
	public static final class NotCompilable extends RuntimeException {

		public NotCompilable() {
			super(null, null, false, false);
		}

	}

	private record TypedNull(Class<?> type) {
	}

}
