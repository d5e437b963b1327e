package vn.egov.dashboard.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.CoercedVariables;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.Value;
import graphql.parser.Parser;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * A request whose arguments hold a value its type refuses (a date outside the supported
 * range or no date at all, a number too large for {@code Int}, an unknown enum value, a
 * missing or unknown input field) is answered like any other bad argument: one
 * BAD_REQUEST error per refused value, its argument or input field named in
 * {@code extensions.field}, for literals and variables alike.
 * <p>
 * graphql-java refuses such values before execution, while validating literals and
 * coercing variables, with request-level {@code ValidationError}s that name the value
 * only in their message, and for variables only the variable, not the input field inside
 * it. Spring's exception resolvers never see them (they run for data fetchers only), so
 * this instrumentation rewrites them in the result, locating each refused value again
 * with {@link InputValues} and the same scalars. It runs only for such results. HTTP
 * status stays Spring's: 200 for {@code application/json}, 400 for
 * {@code application/graphql-response+json}, as for every error before execution.
 */
@Component
class InvalidValues extends SimplePerformantInstrumentation implements Ordered {

	/** At most this many errors are reported for one request. */
	static final int MAX_ERRORS = 10;

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		if (result.isDataPresent() || result.getErrors().stream().noneMatch(InvalidValues::isInvalidValue)) {
			return CompletableFuture.completedFuture(result);
		}
		List<GraphQLError> located = locate(parameters);
		List<GraphQLError> errors = new ArrayList<>();
		boolean replaced = false;
		for (GraphQLError error : result.getErrors()) {
			if (!isInvalidValue(error)) {
				errors.add(error);
			}
			else if (located.isEmpty()) {
				errors.add(GraphqlErrorBuilder.newError()
					.errorType(ErrorType.BAD_REQUEST)
					.message(error.getMessage())
					.locations(error.getLocations())
					.build());
			}
			else if (!replaced) {
				errors.addAll(located);
				replaced = true;
			}
		}
		return CompletableFuture.completedFuture(
				ExecutionResult.newExecutionResult().errors(errors).extensions(result.getExtensions()).build());
	}

	/** Whether graphql-java refused a value given for an argument. */
	static boolean isInvalidValue(GraphQLError error) {
		return (error instanceof ValidationError validation
				&& validation.getValidationErrorType() == ValidationErrorType.WrongType)
				|| error instanceof CoercingParseValueException
				|| error instanceof NonNullableValueCoercedAsNullException
				|| error instanceof InputMapDefinesTooManyFieldsException;
	}

	/**
	 * The refused values of the request, as BAD_REQUEST errors naming their fields; empty
	 * when they cannot be found again (a persisted query sent by its hash alone).
	 */
	private static List<GraphQLError> locate(InstrumentationExecutionParameters parameters) {
		String query = parameters.getQuery();
		if (query == null || query.isBlank() || query.equals(PersistedQuerySupport.PERSISTED_QUERY_MARKER)) {
			return List.of();
		}
		Document document;
		try {
			document = Parser.parse(query);
		}
		catch (RuntimeException ex) {
			return List.of();
		}
		OperationDefinition operation = InputValues.operation(document, parameters.getOperation());
		if (operation == null) {
			return List.of();
		}
		GraphQLSchema schema = parameters.getSchema();
		Refused refused = new Refused(parameters.getGraphQLContext());
		Map<String, String> uses = InputValues.walkLiterals(schema, document, operation, refused);
		InputValues.walkVariables(schema, operation, parameters.getVariables(), uses, refused);
		return refused.errors;
	}

	/** Collects the values their types refuse, coercing each as graphql-java does. */
	private static final class Refused implements InputValues.Visitor {

		private final List<GraphQLError> errors = new ArrayList<>();

		private final GraphQLContext context;

		Refused(@Nullable GraphQLContext context) {
			this.context = (context != null) ? context : GraphQLContext.getDefault();
		}

		@Override
		public void leaf(String field, GraphQLInputType type, Object value) {
			try {
				if (type instanceof GraphQLScalarType scalar) {
					if (value instanceof Value<?> literal) {
						scalar.getCoercing()
							.parseLiteral(literal, CoercedVariables.emptyVariables(), this.context, Locale.ROOT);
					}
					else {
						scalar.getCoercing().parseValue(value, this.context, Locale.ROOT);
					}
				}
				else if (type instanceof GraphQLEnumType enumeration) {
					if (value instanceof Value<?> literal) {
						enumeration.parseLiteral(literal, this.context, Locale.ROOT);
					}
					else {
						enumeration.parseValue(value, this.context, Locale.ROOT);
					}
				}
			}
			catch (RuntimeException ex) {
				misfit(field, (ex.getMessage() != null) ? ex.getMessage() : "is not a valid " + type);
			}
		}

		@Override
		public void misfit(String field, String problem) {
			if (this.errors.size() >= MAX_ERRORS) {
				return;
			}
			boolean sentence = !problem.isEmpty() && Character.isUpperCase(problem.charAt(0));
			this.errors.add(GraphqlErrorBuilder.newError()
				.errorType(ErrorType.BAD_REQUEST)
				.message(field + (sentence ? ": " : " ") + problem)
				.locations(null)
				.extensions(Map.of("field", field))
				.build());
		}

	}

	@Override
	public int getOrder() {
		return RequestPipeline.INVALID_VALUES;
	}

}
