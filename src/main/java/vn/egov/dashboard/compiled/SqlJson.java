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
 * <p>
 * The JSON is built as text: every field's SQL yields the JSON text of its value (or NULL for null), objects and
 * lists are concatenated around them. PostgreSQL's {@code json_build_object} looks up the type of every argument on
 * every call: for a page of 100 agencies with their 1,039 scores, concatenation built the same JSON in half the time
 * (1.0 against 2.0 ms of the backend's CPU), and without the spaces {@code json_build_object} writes.
 */
public final class SqlJson {

	private final Map<String, Map<String, SqlJsonType.FieldSql>> types;

	private final Map<String, Object> values = new LinkedHashMap<>();

	private int aliases;

	SqlJson(Map<String, Map<String, SqlJsonType.FieldSql>> types) {
		this.types = types;
	}

	/** The statement answering {@code fields} (the operation's root fields): one row, one column, the JSON text. */
	String statement(List<ExecutableNormalizedField> fields) {
		return "SELECT " + object("Query", fields, "");
	}

	/** The JSON text of a text, date or enum expression (quoted and escaped), NULL for null. */
	public static String string(String expression) {
		return "to_json(" + expression + ")::text";
	}

	/** The JSON text of a number or boolean expression, NULL for null. */
	public static String literal(String expression) {
		return "(" + expression + ")::text";
	}

	/** The JSON text of a constant string (a GraphQL name or enum value: nothing to escape). */
	public static String constant(String value) {
		return "'\"" + value + "\"'";
	}

	/**
	 * The JSON array of {@code element} (JSON text) over the rows of {@code from} (its FROM and WHERE) in the order
	 * {@code orderBy}; {@code []} when there are none.
	 */
	public static String list(String element, String from, String orderBy) {
		return "coalesce((SELECT '[' || string_agg(" + element + ", ',' ORDER BY " + orderBy + ") || ']' " + from
				+ "), '[]')";
	}

	/** The statement with every value bound. */
	GenericExecuteSpec bind(GenericExecuteSpec spec) {
		for (Map.Entry<String, Object> value : this.values.entrySet()) {
			spec = (value.getValue() instanceof TypedNull typed) ? spec.bindNull(value.getKey(), typed.type())
					: spec.bind(value.getKey(), value.getValue());
		}
		return spec;
	}

	/** The JSON object of the {@code selected} fields of the row {@code row}, a value of {@code typeName}. */
	String object(String typeName, List<ExecutableNormalizedField> selected, String row) {
		Map<String, SqlJsonType.FieldSql> fields = this.types.getOrDefault(typeName, Map.of());
		Members object = new Members();
		for (ExecutableNormalizedField field : selected) {
			if (field.getName().equals("__typename")) {
				object.add(field.getResultKey(), constant(typeName));
				continue;
			}
			SqlJsonType.FieldSql sql = fields.get(field.getName());
			if (sql == null) {
				throw new NotCompilable();
			}
			object.add(field.getResultKey(), sql.expression(new Field(field, this), row));
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
			Members object = new Members();
			for (Field child : children()) {
				object.add(child.resultKey(), switch (child.name()) {
					case "__typename" -> constant(nodeType + "Connection");
					case "totalCount" -> literal(page.count());
					case "edges" -> edges(child, nodeType, page, shown);
					case "pageInfo" -> pageInfo(child, page, rows, shown);
					default -> throw new NotCompilable();
				});
			}
			return "(WITH " + rows + " AS (" + page.rows() + "), " + shown + " AS (SELECT * FROM " + rows + " ORDER BY "
					+ page.order("") + " LIMIT " + page.size() + ") SELECT " + object + ")";
		}

		private String edges(Field edges, String nodeType, Page page, String shown) {
			String row = alias();
			Members edge = new Members();
			for (Field child : edges.children()) {
				edge.add(child.resultKey(), switch (child.name()) {
					case "__typename" -> constant(nodeType + "Edge");
					case "cursor" -> page.cursor(row);
					case "node" -> child.object(nodeType, row);
					default -> throw new NotCompilable();
				});
			}
			return list(edge.toString(), "FROM " + shown + " " + row, page.order(row + "."));
		}

		private String pageInfo(Field pageInfo, Page page, String rows, String shown) {
			String row = alias();
			Members info = new Members();
			for (Field child : pageInfo.children()) {
				info.add(child.resultKey(), switch (child.name()) {
					case "__typename" -> constant("PageInfo");
					// An empty page has no next page, as Spring's WindowConnectionAdapter says.
					case "hasNextPage" -> (page.size() == 0) ? "'false'"
							: literal("SELECT count(*) > " + page.size() + " FROM " + rows);
					// Forward keyset pages never have a previous page (Spring's WindowConnectionAdapter).
					case "hasPreviousPage" -> "'false'";
					case "startCursor" -> "(SELECT " + page.cursor(row) + " FROM " + shown + " " + row + " ORDER BY "
							+ page.order(row + ".") + " LIMIT 1)";
					case "endCursor" -> "(SELECT " + page.cursor(row) + " FROM " + shown + " " + row + " ORDER BY "
							+ page.descendingOrder(row + ".") + " LIMIT 1)";
					default -> throw new NotCompilable();
				});
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
			return "'\"' || translate(encode(convert_to(" + keys + ", 'UTF8'), 'base64'), E'\\n', '') || '\"'";
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

	/** The members of a JSON object being written: each value's JSON text, or null written as {@code null}. */
	private static final class Members {

		private final StringJoiner members = new StringJoiner(" || ',' || ", "('{' || ", " || '}')");

		void add(String key, String json) {
			this.members.add("'\"" + key + "\":' || coalesce(" + json + ", 'null')");
		}

		@Override
		public String toString() {
			return this.members.toString();
		}

	}

}
