package vn.egov.dashboard.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedField;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.graphql.execution.ErrorType;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Applies every {@link PublicMutation} to the whole operation before it runs, whatever
 * its transport: the selections of public mutations are counted over the operation
 * (aliases, fragments and repeated fields each count; a field {@code @skip}ped is not
 * selected), an operation over a mutation's {@code maxPerRequest} is refused with one
 * BAD_REQUEST error naming the argument, and the tokens are then taken from the client's
 * write budgets, all of a budget at once: an operation the budget cannot pay for is
 * refused with RATE_LIMITED. A refused operation runs nothing, so writes nothing.
 * <p>
 * The per-request maxima apply whether rate limiting is on or not; the budgets only when
 * it is on (the client's key is then in the GraphQL context, see
 * {@link WebSocketRateLimit}).
 */
final class PublicMutationLimits extends SimplePerformantInstrumentation implements Ordered {

	private final Map<String, PublicMutation> byField;

	private final WriteBudgets budgets;

	PublicMutationLimits(List<PublicMutation> mutations, WriteBudgets budgets) {
		this.byField = mutations.stream()
			.collect(Collectors.toUnmodifiableMap(PublicMutation::field, Function.identity()));
		this.budgets = budgets;
	}

	@Override
	public int getOrder() {
		return RequestPipeline.PUBLIC_MUTATION_LIMITS;
	}

	@Override
	public @Nullable InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext execution = parameters.getExecutionContext();
		if (this.byField.isEmpty()
				|| execution.getOperationDefinition().getOperation() != OperationDefinition.Operation.MUTATION) {
			return null;
		}
		Map<PublicMutation, Long> drawn = new LinkedHashMap<>();
		for (ExecutableNormalizedField field : execution.getNormalizedQueryTree().get().getTopLevelFields()) {
			PublicMutation mutation = this.byField.get(field.getName());
			if (mutation != null) {
				drawn.merge(mutation, mutation.tokens(field.getResolvedArguments()), Long::sum);
			}
		}
		for (Map.Entry<PublicMutation, Long> entry : drawn.entrySet()) {
			PublicMutation mutation = entry.getKey();
			if (entry.getValue() > mutation.maxPerRequest()) {
				throw new AbortExecutionException(List.of(tooMany(mutation, entry.getValue())));
			}
		}
		Object client = execution.getGraphQLContext().get(ClientKeys.ATTRIBUTE);
		if (client instanceof String key) {
			for (Map.Entry<PublicMutation, Long> entry : drawn.entrySet()) {
				Buckets budget = this.budgets.get(entry.getKey().budget());
				if (budget != null && entry.getValue() > 0) {
					Buckets.Verdict verdict = budget.take(key, entry.getValue());
					if (!verdict.allowed()) {
						throw new AbortExecutionException(List.of(RateLimited.error(verdict, budget)));
					}
				}
			}
		}
		return null;
	}

	private static GraphQLError tooMany(PublicMutation mutation, long drawn) {
		String counted = (mutation.itemsArgument() != null) ? mutation.itemsArgument() : mutation.field() + " calls";
		return GraphqlErrorBuilder.newError()
			.errorType(ErrorType.BAD_REQUEST)
			.locations(null)
			.message(mutation.errorField() + ": an operation may send at most " + mutation.maxPerRequest() + " "
					+ counted + ", counted over every " + mutation.field()
					+ " of the operation (aliases and fragments included); this one sends " + drawn
					+ ". Nothing was written")
			.extensions(Map.of("field", mutation.errorField()))
			.build();
	}

}
