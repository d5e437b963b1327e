package vn.egov.dashboard.poll;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.poll.PollAdminService.CreatePollInput;
import vn.egov.dashboard.poll.PollAdminService.OptionInput;

/**
 * The poll set-up mutations: create, close, arrange options.
 */
@Controller
class PollAdminController {

	private final PollAdminService service;

	PollAdminController(PollAdminService service) {
		this.service = service;
	}

	@MutationMapping
	Mono<Poll> createPoll(@Argument CreatePollInput input) {
		return this.service.create(input);
	}

	@MutationMapping
	Mono<Poll> closePoll(@Argument String id, @Argument @Nullable OffsetDateTime at) {
		return this.service.close(id, at);
	}

	@MutationMapping
	Mono<Poll> arrangePollOptions(@Argument String pollId, @Argument List<OptionInput> options) {
		return this.service.arrange(pollId, options);
	}

	/**
	 * Refusals carry their reason as {@code extensions.code} beside the argument in
	 * {@code field}.
	 */
	@GraphQlExceptionHandler
	GraphQLError rejected(PollEditRejectedException ex, DataFetchingEnvironment env) {
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.BAD_REQUEST)
			.message(ex.getMessage())
			.extensions(Map.of("field", ex.field(), "code", ex.reason().name()))
			.build();
	}

}
