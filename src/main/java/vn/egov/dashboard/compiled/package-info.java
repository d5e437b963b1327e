/**
 * Compiled queries: a query whose every field has a SQL form is answered by one SQL
 * statement that builds the JSON of the whole answer in PostgreSQL, instead of resolving
 * its fields one by one in graphql-java. Features contribute the SQL of their types
 * ({@link vn.egov.dashboard.compiled.SqlJsonType}); anything else runs as usual.
 */
@NullMarked
package vn.egov.dashboard.compiled;

import org.jspecify.annotations.NullMarked;
