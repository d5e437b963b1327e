package vn.egov.dashboard.graphql.limits;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

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
import graphql.language.StringValue;
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

import vn.egov.dashboard.graphql.Page;

/**
 * Measures an operation ({@link Measure}) in one walk of its document. Each fragment is
 * measured once and its measure reused wherever it is spread, so that a document whose
 * fragments spread each other many times (a few hundred tokens that expand to billions of
 * fields) is measured in time linear in its size; graphql-java's own
 * {@code MaxQueryDepthInstrumentation} and {@code MaxQueryComplexityInstrumentation}
 * expand fragments and would walk all of them. A fragment's cost is measured per parent
 * object and scaled by the lists around each spread, which is exact since cost is linear
 * in those multipliers.
 * <p>
 * The same walk checks every page argument, on every field that takes one, connection or
 * plain list: {@code first} must lie in 0..{@link Page#MAX_SIZE} and {@code after} must
 * be a cursor this server made ({@link #problems()}). A refused one is a BAD_REQUEST
 * before anything runs; the measure is only meaningful without problems (a negative
 * {@code first} used to count as 0 and bypass the cost limit, while its fetcher ignored
 * it).
 */
final class Measurer {

	private final GraphQLSchema schema;

	private final Map<String, FragmentDefinition> fragments;

	private final Map<String, Object> variables;

	private final long defaultPageSize;

	private final Predicate<String> cursors;

	private final Map<String, Measure> measuredFragments = new HashMap<>();

	private final Map<String, String> problems = new LinkedHashMap<>();

	private final Set<String> measuring = new HashSet<>();

	Measurer(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, Map<String, Object> variables,
			long defaultPageSize, Predicate<String> cursors) {
		this.schema = schema;
		this.fragments = fragments;
		this.variables = variables;
		this.defaultPageSize = defaultPageSize;
		this.cursors = cursors;
	}

	/**
	 * A measurer of the operation an execution is about to run, with its (coerced)
	 * variables; {@code cursors} tells the cursors this server made.
	 */
	static Measurer of(ExecutionContext execution, long defaultPageSize, Predicate<String> cursors) {
		return new Measurer(execution.getGraphQLSchema(), execution.getFragmentsByName(),
				execution.getCoercedVariables().toMap(), defaultPageSize, cursors);
	}

	/**
	 * The page arguments out of range found while measuring: what is wrong, by argument
	 * ({@code first}, {@code after}).
	 */
	Map<String, String> problems() {
		return this.problems;
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
		if (definition != null) {
			checkPageArguments(field, definition);
		}
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
	 * size. Out of range it is a problem ({@link #checkPageArguments}), measured as the
	 * largest page so as never to count less than could run.
	 */
	private long first(Field field, GraphQLFieldDefinition definition) {
		Object value = argument(field, definition, "first");
		if (value == null) {
			return this.defaultPageSize;
		}
		if (value instanceof Number number && inPageRange(number)) {
			return number.longValue();
		}
		return Page.MAX_SIZE;
	}

	/**
	 * Records a {@code first} outside 0..{@link Page#MAX_SIZE} and an {@code after} that
	 * is no cursor of this server, on any field that declares them.
	 */
	private void checkPageArguments(Field field, GraphQLFieldDefinition definition) {
		if (definition.getArgument("first") != null) {
			Object first = argument(field, definition, "first");
			if (first instanceof Number number && !inPageRange(number)) {
				this.problems.putIfAbsent("first", "must be between 0 and " + Page.MAX_SIZE + ", was " + number);
			}
		}
		if (definition.getArgument("after") != null) {
			Object after = argument(field, definition, "after");
			if (after instanceof String cursor && !this.cursors.test(cursor)) {
				this.problems.putIfAbsent("after", "is not a cursor of this list");
			}
		}
	}

	private static boolean inPageRange(Number number) {
		if (number instanceof BigInteger big) {
			return big.signum() >= 0 && big.compareTo(BigInteger.valueOf(Page.MAX_SIZE)) <= 0;
		}
		return number.longValue() >= 0 && number.longValue() <= Page.MAX_SIZE;
	}

	/**
	 * The value of argument {@code name} of {@code field}: written, from a variable, or
	 * its schema default; null when there is none.
	 */
	private @Nullable Object argument(Field field, GraphQLFieldDefinition definition, String name) {
		Argument given = field.getArguments()
			.stream()
			.filter((argument) -> argument.getName().equals(name))
			.findFirst()
			.orElse(null);
		if (given != null) {
			return valueOf(given.getValue());
		}
		GraphQLArgument declared = definition.getArgument(name);
		if (declared != null && declared.hasSetDefaultValue()) {
			Object fallback = declared.getArgumentDefaultValue().getValue();
			return (fallback instanceof Value<?> literal) ? valueOf(literal) : fallback;
		}
		return null;
	}

	private @Nullable Object valueOf(Value<?> value) {
		if (value instanceof IntValue number) {
			return number.getValue();
		}
		if (value instanceof StringValue text) {
			return text.getValue();
		}
		if (value instanceof VariableReference variable) {
			return this.variables.get(variable.getName());
		}
		return null;
	}

}
