package vn.egov.dashboard.compiled;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Fails the start when the SQL forms and the schema disagree: a form or a
 * {@link JavaFields} declaration that names a type or field the schema does not have (a
 * misspelt form would never be used, and every query naming the field would quietly take
 * the ordinary path), a form that does not read every argument the schema gives its field
 * (a filter the compiled answer would ignore) or reads one the schema does not give
 * ({@link SqlJsonType#SqlJsonType(String, Map, Map)}), a field declared both ways, or a
 * field a query can reach that has neither (a new field must choose). Below a field
 * answered in Java the query runs field by field: the types reached only that way need
 * neither.
 */
@Component
@ConditionalOnBooleanProperty(name = "egov.graphql.compiled", matchIfMissing = true)
class SqlFormsCheck implements SmartInitializingSingleton {

	/**
	 * The fields of Relay connections, edges and page info, which
	 * {@link SqlJson.Field#connection} writes for every connection.
	 */
	private static final Set<String> CONNECTION_FIELDS = Set.of("edges", "pageInfo", "totalCount", "node", "cursor",
			"hasNextPage", "hasPreviousPage", "startCursor", "endCursor");

	private final GraphQlSource source;

	private final ObjectProvider<SqlJsonType> types;

	private final ObjectProvider<JavaFields> java;

	SqlFormsCheck(GraphQlSource source, ObjectProvider<SqlJsonType> types, ObjectProvider<JavaFields> java) {
		this.source = source;
		this.types = types;
		this.java = java;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> problems = problems(this.source.schema(), this.types.orderedStream().toList(),
				this.java.orderedStream().toList());
		if (!problems.isEmpty()) {
			throw new IllegalStateException("SQL forms that do not match the schema: " + String.join("; ", problems));
		}
	}

	static List<String> problems(GraphQLSchema schema, List<SqlJsonType> types, List<JavaFields> java) {
		List<String> problems = new ArrayList<>();
		Set<String> formed = new HashSet<>();
		for (SqlJsonType type : types) {
			check(schema, type.typeName(), type.fields().keySet(), problems);
			type.fields().forEach((field, sql) -> {
				formed.add(type.typeName() + "." + field);
				checkArguments(schema, type.typeName(), field, sql.arguments(), problems);
			});
		}
		Set<String> declared = new HashSet<>();
		for (JavaFields type : java) {
			check(schema, type.typeName(), type.reasons().keySet(), problems);
			type.reasons().forEach((field, reason) -> {
				String name = type.typeName() + "." + field;
				declared.add(name);
				if (formed.contains(name)) {
					problems.add(name + " has a SQL form and is declared answered in Java");
				}
				if (reason.isBlank()) {
					problems.add(name + " is declared answered in Java without a reason");
				}
			});
		}
		for (GraphQLObjectType type : reachableFromQuery(schema, declared)) {
			boolean connection = type.getName().endsWith("Connection") || type.getName().endsWith("Edge")
					|| type.getName().equals("PageInfo");
			for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
				String name = type.getName() + "." + field.getName();
				if (!formed.contains(name) && !declared.contains(name)
						&& !(connection && CONNECTION_FIELDS.contains(field.getName()))) {
					problems.add(name + " has neither a SQL form nor a JavaFields declaration");
				}
			}
		}
		return problems;
	}

	private static void check(GraphQLSchema schema, String typeName, Set<String> fields, List<String> problems) {
		GraphQLType found = schema.getType(typeName);
		if (!(found instanceof GraphQLFieldsContainer container)) {
			problems.add("no object type " + typeName);
			return;
		}
		fields.stream()
			.filter((field) -> container.getFieldDefinition(field) == null)
			.sorted()
			.forEach((field) -> problems.add(typeName + " has no field " + field));
	}

	/**
	 * Adds a problem for each argument of {@code typeName.field} that its form does not
	 * read, and for each one it reads that the schema does not give the field.
	 */
	private static void checkArguments(GraphQLSchema schema, String typeName, String field, Set<String> read,
			List<String> problems) {
		GraphQLFieldDefinition definition = (schema.getType(typeName) instanceof GraphQLFieldsContainer container)
				? container.getFieldDefinition(field) : null;
		if (definition == null) {
			return; // named by check
		}
		Set<String> given = new TreeSet<>(definition.getArguments().stream().map(GraphQLArgument::getName).toList());
		given.stream()
			.filter((argument) -> !read.contains(argument))
			.forEach((argument) -> problems
				.add(typeName + "." + field + ": its SQL form does not read the argument " + argument));
		read.stream()
			.filter((argument) -> !given.contains(argument))
			.sorted()
			.forEach((argument) -> problems.add(typeName + "." + field + " has no argument " + argument));
	}

	/**
	 * The object types a query can reach from {@code Query} other than through a field
	 * answered in Java ({@code java}, as {@code Type.field}): below such a field the
	 * query runs field by field anyway.
	 */
	static Set<GraphQLObjectType> reachableFromQuery(GraphQLSchema schema, Set<String> java) {
		Set<GraphQLObjectType> reached = new LinkedHashSet<>();
		Deque<GraphQLType> next = new ArrayDeque<>(List.of(schema.getQueryType()));
		Set<String> seen = new HashSet<>();
		while (!next.isEmpty()) {
			GraphQLType type = GraphQLTypeUtil.unwrapAll(next.pop());
			if (!(type instanceof GraphQLNamedType named) || !seen.add(named.getName())) {
				continue;
			}
			if (type instanceof GraphQLObjectType object) {
				reached.add(object);
				object.getFieldDefinitions()
					.stream()
					.filter((field) -> !java.contains(object.getName() + "." + field.getName()))
					.forEach((field) -> next.add(field.getType()));
			}
			else if (type instanceof GraphQLInterfaceType inter) {
				next.addAll(schema.getImplementations(inter));
			}
			else if (type instanceof GraphQLUnionType union) {
				next.addAll(union.getTypes());
			}
		}
		return reached;
	}

}
