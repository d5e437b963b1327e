package vn.egov.dashboard.replica;

import java.time.Duration;
import java.util.Map;

import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Decides which GraphQL operations a replica may answer, and gives writers their
 * read-your-writes position.
 * <ul>
 * <li>A request without credentials ({@code Authorization}, {@code X-API-Key}) is marked
 * {@link ReplicaRead} here (as interceptor), and the mark is taken off again unless the
 * operation is a query (as instrumentation, once the document is parsed): mutations,
 * subscriptions (which re-read on every change notification, and must see it) and every
 * request of a signed-in writer use the primary.</li>
 * <li>After a mutation the response sets the cookie {@code egov.replicas.cookie} to the
 * primary's WAL position ({@code pg_current_wal_lsn()}, read after the commit, in bytes).
 * A later anonymous query carrying it reads from a replica only once that replica has
 * replayed that position, so a voter sees their vote on any instance.</li>
 * </ul>
 */
final class ReadRoutes extends SimplePerformantInstrumentation implements WebGraphQlInterceptor {

	private static final String WROTE = ReadRoutes.class.getName() + ".wrote";

	private static final String PRIMARY_POSITION = "SELECT (pg_current_wal_lsn() - '0/0')::bigint";

	private final DatabaseClient primary;

	private final String cookie;

	ReadRoutes(DatabaseClient primary, String cookie) {
		this.primary = primary;
		this.cookie = cookie;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		HttpHeaders headers = request.getHeaders();
		if (!headers.containsHeader(HttpHeaders.AUTHORIZATION) && !headers.containsHeader("X-API-Key")) {
			ReplicaRead read = new ReplicaRead(writtenAt(request.getCookies().getFirst(this.cookie)));
			request.configureExecutionInput(
					(input, builder) -> builder.graphQLContext(Map.of(ReplicaRead.KEY, read)).build());
		}
		return chain.next(request).flatMap((response) -> {
			if (!response.getExecutionInput().getGraphQLContext().hasKey(WROTE)) {
				return Mono.just(response);
			}
			return this.primary.sql(PRIMARY_POSITION)
				.map((row) -> row.get(0, Long.class))
				.one()
				.timeout(ReplicaMonitor.TIMEOUT)
				.map((lsn) -> {
					response.getResponseHeaders()
						.add(HttpHeaders.SET_COOKIE,
								ResponseCookie.from(this.cookie, Long.toString(lsn))
									.path("/")
									.httpOnly(true)
									.sameSite("Lax")
									.maxAge(Duration.ofDays(1))
									.build()
									.toString());
					return response;
				})
				.onErrorReturn(response);
		});
	}

	@Override
	public @Nullable InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		ExecutionContext execution = parameters.getExecutionContext();
		OperationDefinition.Operation operation = execution.getOperationDefinition().getOperation();
		if (operation != OperationDefinition.Operation.QUERY) {
			execution.getGraphQLContext().delete(ReplicaRead.KEY);
		}
		if (operation == OperationDefinition.Operation.MUTATION) {
			execution.getGraphQLContext().put(WROTE, true);
		}
		return null;
	}

	/**
	 * The WAL position in the cookie; 0 without one, or when it is not a position (a
	 * client can only hurt itself with a wrong one: its queries go to the primary).
	 */
	static long writtenAt(@Nullable HttpCookie cookie) {
		if (cookie == null) {
			return 0;
		}
		try {
			return Math.max(Long.parseLong(cookie.getValue()), 0);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
