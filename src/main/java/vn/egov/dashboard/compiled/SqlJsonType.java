package vn.egov.dashboard.compiled;

import java.util.Map;

/**
 * The SQL form of some fields of one GraphQL object type, contributed by the feature that owns them. Several
 * beans may contribute fields of the same type ({@code Agency.assessments} comes from the assessment feature).
 * A field that is not in {@link #fields()} keeps the whole query on the ordinary path.
 */
public interface SqlJsonType {

	/** The GraphQL object type, e.g. {@code Agency}; {@code Query} for root fields. */
	String typeName();

	/** Each field's SQL, by field name. */
	Map<String, FieldSql> fields();

	/**
	 * One field as a SQL expression whose value is the field's JSON as text, or NULL for null: see
	 * {@link SqlJson#string}, {@link SqlJson#literal}, {@link SqlJson#list} and {@link SqlJson.Field#object}.
	 */
	@FunctionalInterface
	interface FieldSql {

		/**
		 * The expression for {@code field} of the row named {@code row} in the enclosing statement.
		 * @throws SqlJson.NotCompilable when this field cannot be compiled with these arguments or selections
		 */
		String expression(SqlJson.Field field, String row);

	}

}
