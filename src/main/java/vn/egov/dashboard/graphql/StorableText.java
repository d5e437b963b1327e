package vn.egov.dashboard.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import graphql.language.StringValue;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLScalarType;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Refuses an operation whose text arguments (written in the document or in its variables)
 * hold text PostgreSQL cannot store as UTF-8, with a BAD_REQUEST naming the argument or
 * input field, before anything is fetched or written:
 * <ul>
 * <li>the NUL character U+0000, which PostgreSQL's text types cannot hold (the driver
 * failed, and clients saw an INTERNAL_ERROR);</li>
 * <li>an unpaired UTF-16 surrogate (U+D800–U+DFFF not in a pair, as JSON's
 * {@code "\uD800"} decodes to), which is no Unicode character: the driver's UTF-8 encoder
 * silently wrote {@code ?} in its place.</li>
 * </ul>
 * Invalid text is refused, never rewritten.
 */
@Component
class StorableText extends SimplePerformantInstrumentation implements Ordered {

	/**
	 * What the literals of an operation hold: the first refusal, and where each variable
	 * is passed. By operation of a parsed document: documents are cached and shared by
	 * the requests that send the same text, so each is walked once rather than on every
	 * request (that walk was 2 % of the CPU time of a small query). Weak keys: an entry
	 * goes with its document, so the document caches' sizes bound this one.
	 */
	private final Cache<OperationDefinition, Literals> literals = Caffeine.newBuilder().weakKeys().build();

	private record Literals(@Nullable GraphQLError refusal, Map<String, String> variableUses) {
	}

	@Override
	public @Nullable InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext execution = parameters.getExecutionContext();
		OperationDefinition operation = execution.getOperationDefinition();
		Literals literals = this.literals.get(operation, (key) -> {
			Refusals refusals = new Refusals();
			Map<String, String> uses = InputValues.walkLiterals(execution.getGraphQLSchema(), execution.getDocument(),
					operation, refusals);
			return new Literals(refusals.first(), uses);
		});
		if (literals.refusal() != null) {
			throw new AbortExecutionException(List.of(literals.refusal()));
		}
		Map<String, Object> variables = execution.getExecutionInput().getRawVariables().toMap();
		if (!variables.isEmpty()) {
			Refusals refusals = new Refusals();
			InputValues.walkVariables(execution.getGraphQLSchema(), operation, variables, literals.variableUses(),
					refusals);
			if (refusals.first() != null) {
				throw new AbortExecutionException(List.of(refusals.first()));
			}
		}
		return null;
	}

	/** Collects the first text argument that cannot be stored. */
	private static final class Refusals implements InputValues.Visitor {

		private final List<GraphQLError> found = new ArrayList<>(1);

		@Override
		public void leaf(String field, GraphQLInputType type, Object value) {
			if (!this.found.isEmpty() || !(type instanceof GraphQLScalarType scalar)
					|| !(scalar.getName().equals("String") || scalar.getName().equals("ID"))) {
				return;
			}
			String text = (value instanceof StringValue literal) ? literal.getValue()
					: (value instanceof String given) ? given : null;
			String problem = (text != null) ? Texts.unstorable(text) : null;
			if (problem != null) {
				this.found.add(GraphqlErrorBuilder.newError()
					.errorType(ErrorType.BAD_REQUEST)
					.message(field + " " + problem)
					.locations(null)
					.extensions(Map.of("field", field))
					.build());
			}
		}

		@Nullable GraphQLError first() {
			return this.found.isEmpty() ? null : this.found.get(0);
		}

	}

	@Override
	public int getOrder() {
		return RequestPipeline.STORABLE_TEXT;
	}

}
