package vn.egov.dashboard.graphql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every place a query or mutation of the schema takes a scalar value: each argument, and
 * each field of an input object (also in lists), with the type it holds. Read from the
 * schema files themselves, so that a new argument is fuzzed without anyone listing it.
 * {@link #request} builds a request that puts one value in one slot (as a literal or as a
 * variable) and plain values in every other required place.
 *
 * @param operation {@code query} or {@code mutation}
 * @param field the root field
 * @param path the argument, then the input fields down to the value
 * @param type the scalar's name ({@code Int}, {@code Date}, …)
 */
record ArgumentSlots(String operation, GraphQLFieldDefinition field, List<String> path, String type) {

	/** The schema as the server reads it (classpath:graphql/*.graphqls). */
	static final GraphQLSchema SCHEMA = schema();

	/** The innermost name of the slot: what {@code extensions.field} names. */
	String name() {
		return this.path.get(this.path.size() - 1);
	}

	@Override
	public String toString() {
		return this.operation + " " + this.field.getName() + " " + this.path + ": " + this.type;
	}

	/**
	 * Every slot of the root fields of queries and mutations, but {@code except}'s
	 * fields.
	 */
	static List<ArgumentSlots> all(Set<String> except) {
		List<ArgumentSlots> slots = new ArrayList<>();
		for (GraphQLObjectType root : List.of(SCHEMA.getQueryType(), SCHEMA.getMutationType())) {
			String operation = (root == SCHEMA.getQueryType()) ? "query" : "mutation";
			for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
				if (except.contains(field.getName())) {
					continue;
				}
				for (GraphQLArgument argument : field.getArguments()) {
					collect(operation, field, argument.getType(), new ArrayList<>(List.of(argument.getName())), slots,
							0);
				}
			}
		}
		return slots;
	}

	private static void collect(String operation, GraphQLFieldDefinition field, GraphQLInputType type,
			List<String> path, List<ArgumentSlots> slots, int depth) {
		GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
		if (named instanceof GraphQLScalarType scalar) {
			slots.add(new ArgumentSlots(operation, field, List.copyOf(path), scalar.getName()));
		}
		else if (named instanceof GraphQLInputObjectType input && depth < 3) {
			for (GraphQLInputObjectField inner : input.getFieldDefinitions()) {
				path.add(inner.getName());
				collect(operation, field, inner.getType(), path, slots, depth + 1);
				path.remove(path.size() - 1);
			}
		}
	}

	/**
	 * A request with {@code value} in this slot, written into the document as a literal
	 * or sent as a variable.
	 */
	Map<String, Object> request(Object value, boolean literal) {
		Map<String, Object> variables = new LinkedHashMap<>();
		List<String> declarations = new ArrayList<>();
		List<String> arguments = new ArrayList<>();
		for (GraphQLArgument argument : this.field.getArguments()) {
			boolean here = argument.getName().equals(this.path.get(0));
			if (!here && !(argument.getType() instanceof GraphQLNonNull)) {
				continue;
			}
			Object given = here ? place(argument.getType(), plain(argument.getType()),
					this.path.subList(1, this.path.size()), value) : plain(argument.getType());
			if (literal) {
				arguments.add(argument.getName() + ": " + literal(given));
			}
			else {
				variables.put(argument.getName(), json(given));
				declarations.add("$" + argument.getName() + ": " + GraphQLTypeUtil.simplePrint(argument.getType()));
				arguments.add(argument.getName() + ": $" + argument.getName());
			}
		}
		String document = this.operation + " Fuzz" + parenthesised(declarations) + " { " + this.field.getName()
				+ parenthesised(arguments) + selection(this.field.getType()) + " }";
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("query", document);
		request.put("variables", variables);
		return request;
	}

	private static String parenthesised(List<String> items) {
		return items.isEmpty() ? "" : items.stream().collect(Collectors.joining(", ", "(", ")"));
	}

	/**
	 * {@code container} (a plain value of {@code type}) with {@code value} at
	 * {@code path}.
	 */
	@SuppressWarnings("unchecked")
	private static Object place(GraphQLType type, Object container, List<String> path, Object value) {
		GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
		if (unwrapped instanceof GraphQLList list) {
			return List.of(place(list.getWrappedType(), plain(list.getWrappedType()), path, value));
		}
		if (path.isEmpty()) {
			return value;
		}
		GraphQLInputObjectType input = (GraphQLInputObjectType) unwrapped;
		Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) container);
		GraphQLInputObjectField field = input.getField(path.get(0));
		object.put(path.get(0), place(field.getType(), plain(field.getType()), path.subList(1, path.size()), value));
		return object;
	}

	/** A valid, unremarkable value of a type: required input fields filled. */
	static Object plain(GraphQLType type) {
		GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
		if (unwrapped instanceof GraphQLList list) {
			return List.of(plain(list.getWrappedType()));
		}
		if (unwrapped instanceof GraphQLEnumType enumType) {
			return new Enum(enumType.getValues().get(0).getName());
		}
		if (unwrapped instanceof GraphQLInputObjectType input) {
			Map<String, Object> object = new LinkedHashMap<>();
			for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
				if (field.getType() instanceof GraphQLNonNull) {
					object.put(field.getName(), plain(field.getType()));
				}
			}
			return object;
		}
		return switch (((GraphQLNamedType) unwrapped).getName()) {
			case "Int" -> 2024;
			case "Float" -> 1.5;
			case "Boolean" -> true;
			case "Date" -> "2024-01-01";
			case "DateTime" -> "2024-01-01T00:00:00Z";
			case "ID" -> "1";
			default -> "CDSQG";
		};
	}

	/** An enum value: written bare in a document, as its name in variables. */
	record Enum(String name) {

	}

	/** {@code value} as variables carry it: enum values as their names. */
	@SuppressWarnings("unchecked")
	private static Object json(Object value) {
		if (value instanceof Enum name) {
			return name.name();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(ArgumentSlots::json).toList();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> object = new LinkedHashMap<>();
			((Map<String, Object>) map).forEach((key, item) -> object.put(key, json(item)));
			return object;
		}
		return value;
	}

	/** {@code value} written as a GraphQL literal. */
	@SuppressWarnings("unchecked")
	static String literal(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Enum name) {
			return name.name();
		}
		if (value instanceof String text) {
			StringBuilder quoted = new StringBuilder("\"");
			for (char c : text.toCharArray()) {
				switch (c) {
					case '"' -> quoted.append("\\\"");
					case '\\' -> quoted.append("\\\\");
					case '\n' -> quoted.append("\\n");
					case '\r' -> quoted.append("\\r");
					case '\t' -> quoted.append("\\t");
					default -> {
						if (c < 0x20 || Character.isSurrogate(c)) {
							quoted.append(String.format("\\u%04X", (int) c));
						}
						else {
							quoted.append(c);
						}
					}
				}
			}
			return quoted.append('"').toString();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(ArgumentSlots::literal).collect(Collectors.joining(", ", "[", "]"));
		}
		if (value instanceof Map<?, ?> map) {
			return ((Map<String, Object>) map).entrySet()
				.stream()
				.map((entry) -> entry.getKey() + ": " + literal(entry.getValue()))
				.collect(Collectors.joining(", ", "{", "}"));
		}
		return String.valueOf(value); // numbers, booleans
	}

	/** {@code __typename}, and for a connection its count and its nodes' type names. */
	private static String selection(GraphQLType type) {
		GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
		if (!(named instanceof GraphQLFieldsContainer container)) {
			return "";
		}
		StringBuilder selection = new StringBuilder(" { __typename");
		if (container.getFieldDefinition("totalCount") != null) {
			selection.append(" totalCount");
		}
		if (container.getFieldDefinition("edges") != null) {
			selection.append(" edges { cursor node { __typename } }");
		}
		return selection.append(" }").toString();
	}

	private static GraphQLSchema schema() {
		try {
			TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:graphql/*.graphqls")) {
				registry.merge(new SchemaParser().parse(resource.getContentAsString(StandardCharsets.UTF_8)));
			}
			return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
