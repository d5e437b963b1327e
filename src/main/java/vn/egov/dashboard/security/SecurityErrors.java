package vn.egov.dashboard.security;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.ExpressionAuthorizationDecision;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * A refused write as a typed error that says what to do: UNAUTHORIZED for an anonymous
 * caller (sign in), FORBIDDEN for a signed-in one (which roles or which agency the
 * operation needs). Runs before Spring's generic security resolver, whose messages are
 * just "Unauthorized" and "Forbidden".
 */
@Component
@Order(RequestPipeline.SECURITY_ERRORS)
class SecurityErrors implements DataFetcherExceptionResolver {

	private static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");

	@Override
	public Mono<List<GraphQLError>> resolveException(Throwable ex, DataFetchingEnvironment env) {
		if (!(ex instanceof AccessDeniedException) && !(ex instanceof AuthenticationException)) {
			return Mono.empty();
		}
		String operation = env.getField().getName();
		return Access.caller()
			.map((caller) -> error(env, ErrorType.FORBIDDEN, forbidden(operation, ex, caller)))
			.defaultIfEmpty(error(env, ErrorType.UNAUTHORIZED,
					"Not signed in: " + operation
							+ " needs a bearer token (Authorization: Bearer …) or an API key (X-API-Key)"))
			.map(List::of);
	}

	private static String forbidden(String operation, Throwable ex, Caller caller) {
		if (ex instanceof Access.AgencyScopeException) {
			return "Forbidden: " + ex.getMessage();
		}
		return "Forbidden: " + operation + " needs role " + String.join(" or ", requiredRoles(ex)) + "; "
				+ caller.name() + " has " + (caller.roles().isEmpty() ? "no role" : caller.roles());
	}

	/**
	 * The roles named in the refusing {@code @PreAuthorize} expression, e.g. [ADMIN,
	 * ANALYST].
	 */
	static List<String> requiredRoles(Throwable ex) {
		if (ex instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof ExpressionAuthorizationDecision decision) {
			Matcher matcher = ROLE.matcher(decision.getExpression().getExpressionString());
			return matcher.results().map((result) -> result.group(1)).toList();
		}
		return List.of(Role.ADMIN.name());
	}

	private static GraphQLError error(DataFetchingEnvironment env, ErrorType type, String message) {
		return GraphqlErrorBuilder.newError(env).errorType(type).message(message).build();
	}

}
