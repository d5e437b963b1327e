package vn.egov.dashboard.compiled;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The SQL form of some fields of one GraphQL object type, contributed as a bean by the
 * feature that owns them. Several beans may contribute fields of the same type
 * ({@code Agency.assessments} comes from the assessment feature), but not the same field.
 * A field without a SQL form keeps the whole query on the ordinary path.
 *
 * @param typeName the GraphQL object type, e.g. {@code Agency}; {@code Query} for root
 * fields
 * @param fields each field's SQL, by field name
 */
public record SqlJsonType(String typeName, Map<String, FieldSql> fields) {

	/**
	 * Fields some of which take arguments: {@code arguments} names, by field, every
	 * argument its form reads, which must be every argument the schema gives the field
	 * (checked at start-up by {@link SqlFormsCheck}, and while compiling by
	 * {@link SqlJson.Field#argument}). Fields it does not name read none.
	 */
	public SqlJsonType(String typeName, Map<String, FieldSql> fields, Map<String, Set<String>> arguments) {
		this(typeName, reading(fields, arguments));
	}

	/** A text, date or enum field: the row's {@code column}. */
	public static Map.Entry<String, FieldSql> column(String name, String column) {
		return Map.entry(name, (field, row) -> SqlJson.string(row + "." + column));
	}

	/**
	 * A Float field: the row's numeric {@code column}, written as
	 * {@link SqlJson#decimal}.
	 */
	public static Map.Entry<String, FieldSql> decimal(String name, String column) {
		return Map.entry(name, (field, row) -> SqlJson.decimal(row + "." + column));
	}

	/** A number or boolean field: the row's {@code column}. */
	public static Map.Entry<String, FieldSql> literal(String name, String column) {
		return Map.entry(name, (field, row) -> SqlJson.literal(row + "." + column));
	}

	/**
	 * A DateTime field: the row's {@code column}, written as {@link SqlJson#dateTime}.
	 */
	public static Map.Entry<String, FieldSql> dateTime(String name, String column) {
		return Map.entry(name, (field, row) -> SqlJson.dateTime(row + "." + column));
	}

	private static Map<String, FieldSql> reading(Map<String, FieldSql> fields, Map<String, Set<String>> arguments) {
		Map<String, FieldSql> reading = new HashMap<>(fields);
		arguments.forEach((field, names) -> {
			FieldSql sql = fields.get(field);
			if (sql == null) {
				throw new IllegalArgumentException("Arguments of " + field + ", which has no SQL form here");
			}
			reading.put(field, new Reading(Set.copyOf(names), sql));
		});
		return Map.copyOf(reading);
	}

	/** One field as a SQL expression. */
	@FunctionalInterface
	public interface FieldSql {

		/**
		 * The field's arguments this form reads: those its {@link SqlJsonType} names, or
		 * none.
		 */
		default Set<String> arguments() {
			return Set.of();
		}

		/**
		 * The expression for {@code field} of the row named {@code row} in the enclosing
		 * statement, whose value is the field's JSON as text, or NULL for null: see
		 * {@link SqlJson#string}, {@link SqlJson#literal}, {@link SqlJson#list} and
		 * {@link SqlJson.Field#object}.
		 * @throws SqlJson.NotCompilable when this field cannot be compiled with these
		 * arguments or selections
		 */
		String expression(SqlJson.Field field, String row);

	}

	private record Reading(Set<String> arguments, FieldSql sql) implements FieldSql {

		@Override
		public String expression(SqlJson.Field field, String row) {
			return this.sql.expression(field, row);
		}

	}

}
