package vn.egov.dashboard.graphql;

import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.r2dbc.spi.R2dbcException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;

import vn.egov.dashboard.system.DatabaseUnavailable;

/**
 * Maps the features' exceptions to typed GraphQL errors
 * ({@code extensions.classification}) with a human message. Anything not mapped here
 * reaches clients as an opaque INTERNAL_ERROR: never SQL or a stack trace.
 * <p>
 * A field that failed because the database cannot be reached (stopped, restarting, out of
 * connections) gets {@link EgovErrorType#SERVICE_UNAVAILABLE}: the client may retry
 * later, and nothing was written (a mutation's transaction is all or nothing). Other
 * database errors stay INTERNAL_ERROR.
 */
@ControllerAdvice
public class GraphQlErrors {

	@GraphQlExceptionHandler
	GraphQLError notFound(NotFoundException ex, DataFetchingEnvironment env) {
		return GraphqlErrorBuilder.newError(env).errorType(ErrorType.NOT_FOUND).message(ex.getMessage()).build();
	}

	@GraphQlExceptionHandler
	GraphQLError invalidInput(InvalidInputException ex, DataFetchingEnvironment env) {
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.BAD_REQUEST)
			.message(ex.getMessage())
			.extensions(Map.of("field", ex.field()))
			.build();
	}

	@GraphQlExceptionHandler({ DataAccessException.class, TransactionException.class, R2dbcException.class })
	@Nullable GraphQLError databaseUnavailable(Exception ex, DataFetchingEnvironment env) {
		if (!DatabaseUnavailable.isCauseOf(ex)) {
			return null; // not ours: left to the default INTERNAL_ERROR
		}
		return databaseUnavailable(GraphqlErrorBuilder.newError(env));
	}

	/**
	 * The SERVICE_UNAVAILABLE error of a request the database could not answer, on
	 * {@code error}'s path.
	 */
	public static GraphQLError databaseUnavailable(GraphqlErrorBuilder<?> error) {
		return error.errorType(EgovErrorType.SERVICE_UNAVAILABLE)
			.message(DatabaseUnavailable.MESSAGE)
			.extensions(Map.of("retryAfterSeconds", DatabaseUnavailable.RETRY_AFTER.toSeconds()))
			.build();
	}

}
