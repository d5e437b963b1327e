package vn.egov.dashboard.graphql;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Node;
import graphql.language.StringValue;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Refuses an operation whose text arguments (in its variables or written in the document)
 * contain the NUL character U+0000 with a BAD_REQUEST naming the argument, before
 * anything is fetched. PostgreSQL cannot hold NUL in text: such a value reached it as an
 * error of the driver, and clients saw an INTERNAL_ERROR.
 */
@Component
class NulCharacters extends SimplePerformantInstrumentation {

	/**
	 * The argument holding a literal with NUL, if any, by parsed document: documents are
	 * cached and shared by the requests that send the same text, so each is walked once
	 * rather than on every request (that walk was 2 % of the CPU time of a small query).
	 * Weak keys: an entry goes with its document, so the document caches' sizes bound
	 * this one.
	 */
	private final Cache<Document, Optional<String>> literals = Caffeine.newBuilder().weakKeys().build();

	@Override
	public @Nullable InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext execution = parameters.getExecutionContext();
		for (Map.Entry<String, Object> variable : execution.getCoercedVariables().toMap().entrySet()) {
			if (holdsNul(variable.getValue())) {
				throw refused("$" + variable.getKey());
			}
		}
		Optional<String> argument = this.literals.get(execution.getDocument(),
				(document) -> Optional.ofNullable(argumentWithNul(document, null)));
		if (argument.isPresent()) {
			throw refused(argument.get());
		}
		return null;
	}

	private static AbortExecutionException refused(String field) {
		return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError()
			.errorType(ErrorType.BAD_REQUEST)
			.message(field + " must not contain the NUL character (U+0000)")
			.locations(null)
			.extensions(Map.of("field", field))
			.build()));
	}

	private static boolean holdsNul(@Nullable Object value) {
		if (value instanceof String text) {
			return text.indexOf('\0') >= 0;
		}
		if (value instanceof Map<?, ?> map) {
			return map.values().stream().anyMatch(NulCharacters::holdsNul);
		}
		if (value instanceof Collection<?> items) {
			return items.stream().anyMatch(NulCharacters::holdsNul);
		}
		return false;
	}

	/**
	 * The name of the argument a string literal with NUL is written in, anywhere under
	 * {@code node}.
	 */
	private static @Nullable String argumentWithNul(Node<?> node, @Nullable String argument) {
		if (node instanceof StringValue string && string.getValue() != null && string.getValue().indexOf('\0') >= 0) {
			return (argument != null) ? argument : "argument";
		}
		String name = (node instanceof Argument given) ? given.getName() : argument;
		for (Node<?> child : node.getChildren()) {
			String found = argumentWithNul(child, name);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

}
