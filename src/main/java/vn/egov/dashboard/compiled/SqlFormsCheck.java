package vn.egov.dashboard.compiled;

import java.util.ArrayList;
import java.util.List;

import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Fails the start when a SQL form names a type or field the schema does not have: a
 * misspelt form would otherwise never be used, and every query naming the field would
 * quietly take the ordinary path.
 */
@Component
@ConditionalOnBooleanProperty(name = "egov.graphql.compiled", matchIfMissing = true)
class SqlFormsCheck implements SmartInitializingSingleton {

	private final GraphQlSource source;

	private final ObjectProvider<SqlJsonType> types;

	SqlFormsCheck(GraphQlSource source, ObjectProvider<SqlJsonType> types) {
		this.source = source;
		this.types = types;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> problems = problems(this.source.schema(), this.types.orderedStream().toList());
		if (!problems.isEmpty()) {
			throw new IllegalStateException("SQL forms that do not match the schema: " + String.join("; ", problems));
		}
	}

	static List<String> problems(GraphQLSchema schema, List<SqlJsonType> types) {
		List<String> problems = new ArrayList<>();
		for (SqlJsonType type : types) {
			GraphQLType found = schema.getType(type.typeName());
			if (!(found instanceof GraphQLFieldsContainer container)) {
				problems.add("no object type " + type.typeName());
				continue;
			}
			type.fields()
				.keySet()
				.stream()
				.filter((field) -> container.getFieldDefinition(field) == null)
				.sorted()
				.forEach((field) -> problems.add(type.typeName() + " has no field " + field));
		}
		return problems;
	}

}
