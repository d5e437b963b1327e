package vn.egov.dashboard.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;

import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * When a client goes away mid-request, graphql-java cancels the execution and fails every
 * field still to be fetched with an {@link AbortExecutionException}. Unresolved, each of
 * them was logged at ERROR with its stack trace: 1,000 traces for one cancelled page of
 * agencies with their scores, which under load kept the server busy logging for seconds
 * after the clients left. They are turned into a plain error instead, unlogged.
 */
@Component
class CancelledRequests extends DataFetcherExceptionResolverAdapter {

	@Override
	protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (!(ex instanceof AbortExecutionException)) {
			return null;
		}
		return GraphqlErrorBuilder.newError()
			.path(env.getExecutionStepInfo().getPath())
			.errorType(ErrorType.INTERNAL_ERROR)
			.message("The request was cancelled")
			.build();
	}

}
