package vn.egov.dashboard.graphql.limits;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import graphql.execution.ExecutionContext;
import graphql.language.Argument;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * Measures an operation ({@link Measure}) in one walk of its document. Each fragment is
 * measured once and its measure reused wherever it is spread, so that a document whose
 * fragments spread each other many times (a few hundred tokens that expand to billions of
 * fields) is measured in time linear in its size; graphql-java's own
 * {@code MaxQueryDepthInstrumentation} and {@code MaxQueryComplexityInstrumentation}
 * expand fragments and would walk all of them. A fragment's cost is measured per parent
 * object and scaled by the lists around each spread, which is exact since cost is linear
 * in those multipliers.
 */
final class Measurer {

	private final GraphQLSchema schema;

	private final Map<String, FragmentDefinition> fragments;

	private final Map<String, Object> variables;

	private final long defaultPageSize;

	private final Map<String, Measure> measuredFragments = new HashMap<>();

	private final Set<String> measuring = new HashSet<>();

	Measurer(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, Map<String, Object> variables,
			long defaultPageSize) {
		this.schema = schema;
		this.fragments = fragments;
		this.variables = variables;
		this.defaultPageSize = defaultPageSize;
	}

	/**
	 * The measure of the operation an execution is about to run, with its (coerced)
	 * variables.
	 */
	static Measure of(ExecutionContext execution, long defaultPageSize) {
		return new Measurer(execution.getGraphQLSchema(), execution.getFragmentsByName(),
				execution.getCoercedVariables().toMap(), defaultPageSize)
			.operation(execution.getOperationDefinition());
	}

	Measure operation(OperationDefinition operation) {
		GraphQLType root = switch (operation.getOperation()) {
			case QUERY -> this.schema.getQueryType();
			case MUTATION -> this.schema.getMutationType();
			case SUBSCRIPTION -> this.schema.getSubscriptionType();
		};
		return selections(operation.getSelectionSet(), root);
	}

	/** The measure of a selection set under one object of type {@code parent}. */
	private Measure selections(@Nullable SelectionSet set, @Nullable GraphQLType parent) {
		if (set == null) {
			return Measure.NOTHING;
		}
		Measure total = Measure.NOTHING;
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof Field field) {
				total = total.plus(field(field, parent));
			}
			else if (selection instanceof InlineFragment inline) {
				GraphQLType type = (inline.getTypeCondition() != null)
						? this.schema.getType(inline.getTypeCondition().getName()) : parent;
				total = total.plus(selections(inline.getSelectionSet(), type));
			}
			else if (selection instanceof FragmentSpread spread) {
				total = total.plus(fragment(spread.getName()));
			}
		}
		return total;
	}

	private Measure fragment(String name) {
		Measure known = this.measuredFragments.get(name);
		if (known != null) {
			return known;
		}
		FragmentDefinition definition = this.fragments.get(name);
		if (definition == null || !this.measuring.add(name)) {
			// Unknown or cyclic fragments fail validation; nothing to measure.
			return Measure.NOTHING;
		}
		Measure measure = selections(definition.getSelectionSet(),
				this.schema.getType(definition.getTypeCondition().getName()));
		this.measuring.remove(name);
		this.measuredFragments.put(name, measure);
		return measure;
	}

	private Measure field(Field field, @Nullable GraphQLType parent) {
		if (field.getName().equals("__schema") || field.getName().equals("__type")) {
			return Measure.NOTHING;
		}
		long aliases = (field.getAlias() != null) ? 1 : 0;
		GraphQLFieldDefinition definition = (parent instanceof GraphQLFieldsContainer container)
				? container.getFieldDefinition(field.getName()) : null;
		if (definition == null || field.getSelectionSet() == null) {
			return new Measure(1, 0, 1, aliases);
		}
		GraphQLNamedType type = GraphQLTypeUtil.unwrapAll(definition.getType());
		boolean counted = isPage(definition, type, parent);
		long multiplier = counted ? first(field, definition) : 1;
		Measure below = selections(field.getSelectionSet(), type);
		long cost = Measure.add(counted ? multiplier : 0, Measure.multiply(multiplier, below.cost()));
		return new Measure(Measure.add(below.depth(), 1), cost, Measure.add(below.fields(), 1),
				Measure.add(below.aliases(), aliases));
	}

	/**
	 * Whether a field returns many objects: a list of them, or a connection (whose edges
	 * are its page).
	 */
	private static boolean isPage(GraphQLFieldDefinition definition, GraphQLNamedType type,
			@Nullable GraphQLType parent) {
		if (!(type instanceof GraphQLCompositeType)) {
			return false;
		}
		if (type.getName().endsWith("Connection")) {
			return true;
		}
		boolean edgesOfConnection = (parent instanceof GraphQLNamedType named)
				&& named.getName().endsWith("Connection");
		GraphQLType unwrapped = (definition.getType() instanceof GraphQLNonNull nonNull) ? nonNull.getWrappedType()
				: definition.getType();
		return unwrapped instanceof GraphQLList && !edgesOfConnection;
	}

	/**
	 * The {@code first} of a list field: given, its schema default, or the default page
	 * size.
	 */
	private long first(Field field, GraphQLFieldDefinition definition) {
		Object value = null;
		Argument given = field.getArguments()
			.stream()
			.filter((argument) -> argument.getName().equals("first"))
			.findFirst()
			.orElse(null);
		if (given != null) {
			value = valueOf(given.getValue());
		}
		else {
			GraphQLArgument declared = definition.getArgument("first");
			if (declared != null && declared.hasSetDefaultValue()) {
				Object fallback = declared.getArgumentDefaultValue().getValue();
				value = (fallback instanceof Value<?> literal) ? valueOf(literal) : fallback;
			}
		}
		if (value instanceof BigInteger big) {
			return (big.bitLength() < 63) ? Math.max(0, big.longValue()) : ((big.signum() < 0) ? 0 : Long.MAX_VALUE);
		}
		if (value instanceof Number number) {
			return Math.max(0, number.longValue());
		}
		return this.defaultPageSize;
	}

	private @Nullable Object valueOf(Value<?> value) {
		if (value instanceof IntValue number) {
			return number.getValue();
		}
		if (value instanceof VariableReference variable) {
			return this.variables.get(variable.getName());
		}
		return null;
	}

}
