package vn.egov.dashboard.graphql.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.graphql.execution.ErrorType;

import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.system.RequestPipeline;

/**
 * Applies the query limits to every execution, whatever its transport (HTTP, SSE,
 * WebSocket) and whether its document came from the document cache or not:
 * <ul>
 * <li>the parser of this server's executions stops after {@code max-tokens} tokens
 * (graphql-java's {@link ParserOptions}, set in each execution's context rather than
 * JVM-wide); a document it gives up on for its tokens or its nesting is answered with the
 * measured number instead of a syntax error;</li>
 * <li>before the operation runs, every page argument is checked ({@code first} in 0..100,
 * {@code after} a cursor of this server) on every field that takes one: one out of range
 * is a BAD_REQUEST naming it;</li>
 * <li>before the operation runs, its depth, cost, aliases and fields are measured
 * ({@link Measurer}, with the request's variables); anything over a limit aborts it with
 * one {@code LIMIT_EXCEEDED} error per limit, and no data fetcher is called.</li>
 * </ul>
 * Documents the parser gave up on are never cached (see {@code DocumentCache}), so each
 * is checked here.
 */
final class LimitsInstrumentation extends SimplePerformantInstrumentation implements Ordered {

	private final LimitsProperties limits;

	private final ParserOptions parserOptions;

	private final Predicate<String> cursors;

	LimitsInstrumentation(LimitsProperties limits, Predicate<String> cursors) {
		this.limits = limits;
		this.cursors = cursors;
		this.parserOptions = ParserOptions.getDefaultOperationParserOptions()
			.transform((options) -> options.maxTokens(limits.maxTokens()));
	}

	@Override
	public int getOrder() {
		return RequestPipeline.QUERY_LIMITS;
	}

	@Override
	public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
		return CompletableFuture.completedFuture(new ParseOutcome());
	}

	@Override
	public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		input.getGraphQLContext().put(ParserOptions.class, this.parserOptions);
		return input;
	}

	@Override
	public InstrumentationContext<Document> beginParse(InstrumentationExecutionParameters parameters,
			InstrumentationState state) {
		return SimpleInstrumentationContext.whenCompleted((document, failure) -> {
			if (state instanceof ParseOutcome outcome && (failure instanceof ParseCancelledException
					|| failure instanceof ParseCancelledTooDeepException)) {
				outcome.cancelled = (InvalidSyntaxException) failure;
			}
		});
	}

	@Override
	public @Nullable InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext execution = parameters.getExecutionContext();
		Measurer measurer = Measurer.of(execution, Page.DEFAULT_SIZE, this.cursors);
		Measure measure = measurer.operation(execution.getOperationDefinition());
		if (!measurer.problems().isEmpty()) {
			throw new AbortExecutionException(measurer.problems()
				.entrySet()
				.stream()
				.map((problem) -> GraphqlErrorBuilder.newError()
					.errorType(ErrorType.BAD_REQUEST)
					.message(problem.getKey() + " " + problem.getValue())
					.locations(null)
					.extensions(Map.of("field", problem.getKey()))
					.build())
				.toList());
		}
		List<GraphQLError> errors = new ArrayList<>();
		if (measure.depth() > this.limits.maxDepth()) {
			errors.add(LimitExceeded.depth(measure.depth(), this.limits.maxDepth()).toError());
		}
		if (measure.fields() > this.limits.maxFields()) {
			errors.add(LimitExceeded.fields(measure.fields(), this.limits.maxFields()).toError());
		}
		if (measure.aliases() > this.limits.maxAliases()) {
			errors.add(LimitExceeded.aliases(measure.aliases(), this.limits.maxAliases()).toError());
		}
		if (measure.cost() > this.limits.maxCost()) {
			errors.add(LimitExceeded.cost(measure.cost(), this.limits.maxCost()).toError());
		}
		if (!errors.isEmpty()) {
			// graphql-java answers this abort with these errors and no data, before
			// fetching anything.
			throw new AbortExecutionException(errors);
		}
		return null;
	}

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		if (state instanceof ParseOutcome outcome && outcome.cancelled != null && !result.isDataPresent()) {
			LimitExceeded exceeded = exceeded(outcome.cancelled, parameters.getQuery());
			if (exceeded != null) {
				return CompletableFuture
					.completedFuture(ExecutionResult.newExecutionResult().addError(exceeded.toError()).build());
			}
		}
		return CompletableFuture.completedFuture(result);
	}

	/**
	 * The limit a document the parser gave up on went over, measured, or null for another
	 * limit.
	 */
	private @Nullable LimitExceeded exceeded(InvalidSyntaxException cancelled, @Nullable String document) {
		if (document == null) {
			return null;
		}
		Tokens tokens = Tokens.of(document);
		if (cancelled instanceof ParseCancelledTooDeepException) {
			// Nested selections, input objects or lists: measured as the nesting of
			// braces and brackets.
			long max = this.limits.maxDepth();
			return (tokens.nesting() > max) ? LimitExceeded.depth(tokens.nesting(), max) : null;
		}
		// Otherwise too many grammar tokens, or too much white space (graphql-java's own
		// limit, not ours).
		long max = this.limits.maxTokens();
		return (tokens.count() > max) ? LimitExceeded.tokens(tokens.count(), max) : null;
	}

	/** What the parser of one execution gave up on, if it did. */
	private static final class ParseOutcome implements InstrumentationState {

		volatile @Nullable InvalidSyntaxException cancelled;

	}

}
