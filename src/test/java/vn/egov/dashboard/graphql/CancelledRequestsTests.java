package vn.egov.dashboard.graphql;

import java.util.List;

import graphql.GraphQLError;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.ResultPath;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.GraphQLObjectType;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fields failed because their request was cancelled are resolved (so not logged), other
 * exceptions are left alone.
 */
class CancelledRequestsTests {

	private final CancelledRequests resolver = new CancelledRequests();

	private final DataFetchingEnvironment env = DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
		.executionStepInfo(ExecutionStepInfo.newExecutionStepInfo()
			.type(GraphQLObjectType.newObject().name("Query").build())
			.path(ResultPath.rootPath())
			.build())
		.build();

	@Test
	void shouldResolveCancelledFieldsToOneQuietError() {
		StepVerifier
			.create(this.resolver
				.resolveException(new AbortExecutionException("Execution has been asked to be cancelled"), this.env))
			.assertNext((errors) -> assertThat(errors).extracting(GraphQLError::getMessage)
				.containsExactly("The request was cancelled"))
			.verifyComplete();
	}

	@Test
	void shouldLeaveOtherExceptionsToTheOtherResolvers() {
		StepVerifier.create(this.resolver.resolveException(new IllegalStateException("boom"), this.env))
			.verifyComplete();
	}

	@Test
	void shouldNotResolveToAnEmptyList() {
		StepVerifier.create(this.resolver.resolveException(new AbortExecutionException("x"), this.env))
			.assertNext((errors) -> assertThat(errors).isNotEqualTo(List.of()))
			.verifyComplete();
	}

}
