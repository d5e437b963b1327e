package vn.egov.dashboard.graphql;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.execution.TypeFromAST;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * Walks every value an operation passes to its fields' arguments, against the schema's
 * input types, and tells a {@link Visitor} each value of a scalar or enum type together
 * with the name of the argument or input field that holds it: the literals written in the
 * document and the values of the request's variables (a variable is named after the
 * argument or input field it is passed as). Used to check text before it is stored
 * ({@link StorableText}) and to name the argument of a value graphql-java refused
 * ({@link InvalidValues}). Each fragment is walked once, however often it is spread.
 */
final class InputValues {

	/** What the walk reports. */
	interface Visitor {

		/**
		 * A value of a scalar or enum {@code type}: a literal ({@link Value}) or a
		 * variable's value as sent (a String, Number, Boolean, Map or List).
		 */
		void leaf(String field, GraphQLInputType type, Object value);

		/**
		 * A value whose shape does not fit its type: null where a value is required, an
		 * unknown or missing input field, an object where none fits.
		 */
		default void misfit(String field, String problem) {
		}

	}

	private final GraphQLSchema schema;

	private final Map<String, FragmentDefinition> fragments = new HashMap<>();

	private final Set<String> walked = new HashSet<>();

	private final Map<String, String> variableUses = new HashMap<>();

	private final Visitor visitor;

	private InputValues(GraphQLSchema schema, Document document, Visitor visitor) {
		this.schema = schema;
		this.visitor = visitor;
		for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
			this.fragments.putIfAbsent(fragment.getName(), fragment);
		}
	}

	/**
	 * Walks the literals of {@code operation}'s arguments; answers the argument or input
	 * field each variable is first passed as, by variable name.
	 */
	static Map<String, String> walkLiterals(GraphQLSchema schema, Document document, OperationDefinition operation,
			Visitor visitor) {
		InputValues walk = new InputValues(schema, document, visitor);
		walk.selections(operation.getSelectionSet(), root(schema, operation));
		return Map.copyOf(walk.variableUses);
	}

	/**
	 * Walks the values of {@code operation}'s variables as sent, each named by
	 * {@code uses} (from {@link #walkLiterals}) or, when it is not passed anywhere, as
	 * {@code $name}.
	 */
	static void walkVariables(GraphQLSchema schema, OperationDefinition operation, Map<String, Object> variables,
			Map<String, String> uses, Visitor visitor) {
		InputValues walk = new InputValues(schema, Document.newDocument().build(), visitor);
		for (VariableDefinition definition : operation.getVariableDefinitions()) {
			String name = definition.getName();
			if (!variables.containsKey(name)) {
				continue;
			}
			GraphQLType type = TypeFromAST.getTypeFromAST(schema, definition.getType());
			if (type instanceof GraphQLInputType input) {
				walk.value(variables.get(name), input, uses.getOrDefault(name, "$" + name));
			}
		}
	}

	/** The operation named {@code name}, or the only one; null when there is none. */
	static @Nullable OperationDefinition operation(Document document, @Nullable String name) {
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (name == null || name.isEmpty()) {
			return (operations.size() == 1) ? operations.get(0) : null;
		}
		return operations.stream().filter((operation) -> name.equals(operation.getName())).findFirst().orElse(null);
	}

	private static @Nullable GraphQLType root(GraphQLSchema schema, OperationDefinition operation) {
		return switch (operation.getOperation()) {
			case QUERY -> schema.getQueryType();
			case MUTATION -> schema.getMutationType();
			case SUBSCRIPTION -> schema.getSubscriptionType();
		};
	}

	private void selections(@Nullable SelectionSet set, @Nullable GraphQLType parent) {
		if (set == null) {
			return;
		}
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof Field field) {
				field(field, parent);
			}
			else if (selection instanceof InlineFragment inline) {
				selections(inline.getSelectionSet(), (inline.getTypeCondition() != null)
						? this.schema.getType(inline.getTypeCondition().getName()) : parent);
			}
			else if (selection instanceof FragmentSpread spread) {
				FragmentDefinition fragment = this.fragments.get(spread.getName());
				if (fragment != null && this.walked.add(fragment.getName())) {
					selections(fragment.getSelectionSet(), this.schema.getType(fragment.getTypeCondition().getName()));
				}
			}
		}
	}

	private void field(Field field, @Nullable GraphQLType parent) {
		GraphQLFieldDefinition definition = (parent instanceof GraphQLFieldsContainer container)
				? container.getFieldDefinition(field.getName()) : null;
		if (definition == null) {
			return; // introspection, or a field validation refuses anyway
		}
		for (Argument argument : field.getArguments()) {
			GraphQLArgument declared = definition.getArgument(argument.getName());
			if (declared != null) {
				literal(argument.getValue(), declared.getType(), argument.getName());
			}
		}
		selections(field.getSelectionSet(), GraphQLTypeUtil.unwrapAll(definition.getType()));
	}

	private void literal(Value<?> value, GraphQLInputType type, String name) {
		if (value instanceof VariableReference variable) {
			this.variableUses.putIfAbsent(variable.getName(), name);
			return;
		}
		if (type instanceof GraphQLNonNull nonNull) {
			if (value instanceof NullValue) {
				this.visitor.misfit(name, "must not be null");
				return;
			}
			literal(value, (GraphQLInputType) nonNull.getWrappedType(), name);
			return;
		}
		if (value instanceof NullValue) {
			return;
		}
		if (type instanceof GraphQLList list) {
			List<Value> items = (value instanceof ArrayValue array) ? array.getValues() : List.of(value);
			for (Value<?> item : items) {
				literal(item, (GraphQLInputType) list.getWrappedType(), name);
			}
		}
		else if (type instanceof GraphQLInputObjectType object) {
			if (!(value instanceof ObjectValue given)) {
				this.visitor.misfit(name, "must be an input object " + object.getName());
				return;
			}
			Set<String> present = new HashSet<>();
			for (ObjectField field : given.getObjectFields()) {
				present.add(field.getName());
				GraphQLInputObjectField declared = object.getField(field.getName());
				if (declared == null) {
					this.visitor.misfit(field.getName(), "is not a field of " + object.getName());
				}
				else {
					literal(field.getValue(), declared.getType(), field.getName());
				}
			}
			missing(object, present);
		}
		else {
			this.visitor.leaf(name, type, value);
		}
	}

	private void value(@Nullable Object value, GraphQLInputType type, String name) {
		if (type instanceof GraphQLNonNull nonNull) {
			if (value == null) {
				this.visitor.misfit(name, "must not be null");
				return;
			}
			value(value, (GraphQLInputType) nonNull.getWrappedType(), name);
			return;
		}
		if (value == null) {
			return;
		}
		if (type instanceof GraphQLList list) {
			Collection<?> items = (value instanceof Collection<?> many) ? many : List.of(value);
			for (Object item : items) {
				value(item, (GraphQLInputType) list.getWrappedType(), name);
			}
		}
		else if (type instanceof GraphQLInputObjectType object) {
			if (!(value instanceof Map<?, ?> given)) {
				this.visitor.misfit(name, "must be an input object " + object.getName());
				return;
			}
			Set<String> present = new HashSet<>();
			for (Map.Entry<?, ?> entry : given.entrySet()) {
				String field = String.valueOf(entry.getKey());
				present.add(field);
				GraphQLInputObjectField declared = object.getField(field);
				if (declared == null) {
					this.visitor.misfit(field, "is not a field of " + object.getName());
				}
				else {
					value(entry.getValue(), declared.getType(), field);
				}
			}
			missing(object, present);
		}
		else {
			this.visitor.leaf(name, type, value);
		}
	}

	private void missing(GraphQLInputObjectType object, Set<String> present) {
		for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
			if (field.getType() instanceof GraphQLNonNull && !field.hasSetDefaultValue()
					&& !present.contains(field.getName())) {
				this.visitor.misfit(field.getName(), "is required");
			}
		}
	}

}
