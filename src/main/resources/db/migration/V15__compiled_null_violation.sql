-- Compiled queries (package compiled) write each non-null field's JSON as coalesce(json, graphql_null_violation(
-- 'Type.field')). PostgreSQL calls the function only when a SQL form answered NULL for a field GraphQL says is
-- never null: the statement then fails, the server logs the bug of that form and answers the query field by field,
-- where the null becomes GraphQL's error. STABLE, so that PostgreSQL does not call it while planning, and
-- PARALLEL SAFE, so that it does not keep a statement from a parallel plan.
CREATE FUNCTION graphql_null_violation(field text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
	RAISE EXCEPTION 'the SQL form of the non-null field % answered null', field
		USING ERRCODE = 'null_value_not_allowed';
END $$;
