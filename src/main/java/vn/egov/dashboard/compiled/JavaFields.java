package vn.egov.dashboard.compiled;

import java.util.Map;

/**
 * Fields of one GraphQL object type that are answered in Java on purpose, each with the
 * reason, contributed as a bean by the feature that owns them: a query naming one of them
 * runs field by field, where the field must be batched (one statement per field for a
 * whole level of parents, never one per parent). Every field a query can reach has either
 * a SQL form ({@link SqlJsonType}) or such a declaration, which {@code SqlFormsCheck}
 * checks.
 *
 * @param typeName the GraphQL object type, e.g. {@code Target}; {@code Query} for root
 * fields
 * @param reasons why each field is computed in Java, by field name
 */
public record JavaFields(String typeName, Map<String, String> reasons) {
}
