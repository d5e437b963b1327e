package vn.egov.dashboard.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Caps the open subscriptions of one WebSocket connection
 * ({@code egov.live.max-subscriptions-per-connection}) and of one client address over all
 * its connections and SSE streams ({@code egov.live.max-subscriptions-per-client}). A
 * subscription over a cap is refused with a BAD_REQUEST error whose
 * {@code extensions.code} is {@code TOO_MANY_SUBSCRIPTIONS}; the slot is reserved when
 * the subscription is accepted and freed when its stream ends, is cancelled, or its
 * connection closes.
 * <p>
 * The client is the remote address: behind a load balancer set
 * {@code server.forward-headers-strategy} so that it is the browser's, not the
 * balancer's.
 */
@Component
class SubscriptionLimits implements WebSocketGraphQlInterceptor, Ordered {

	static final String CODE = "TOO_MANY_SUBSCRIPTIONS";

	private final int perConnection;

	private final int perClient;

	private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> clients = new ConcurrentHashMap<>();

	private final Counter refused;

	SubscriptionLimits(LiveProperties properties, MeterRegistry meters) {
		this.perConnection = properties.maxSubscriptionsPerConnection();
		this.perClient = properties.maxSubscriptionsPerClient();
		this.refused = Counter.builder("egov.live.subscriptions.refused")
			.description("Subscriptions refused over the per-connection or per-client cap")
			.register(meters);
		Gauge
			.builder("egov.live.subscriptions.open", this.clients,
					(open) -> open.values().stream().mapToInt(AtomicInteger::get).sum())
			.description("Subscriptions open now (WebSocket and SSE)")
			.register(meters);
	}

	@Override
	public int getOrder() {
		return RequestPipeline.SUBSCRIPTION_LIMITS;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map((response) -> {
			if (!(response.getData() instanceof Publisher<?> stream)) {
				return response;
			}
			String connection = (request instanceof WebSocketGraphQlRequest ws) ? ws.getSessionInfo().getId() : null;
			String client = client(request);
			if (!reserve(connection, client)) {
				this.refused.increment();
				return response.transform((builder) -> builder.data(null).errors(List.of(tooMany(connection != null))));
			}
			@SuppressWarnings("unchecked")
			Flux<ExecutionResult> limited = Flux.from((Publisher<ExecutionResult>) stream)
				.doFinally((signal) -> release(connection, client));
			return response.transform((builder) -> builder.data(limited));
		});
	}

	@Override
	public void handleConnectionClosed(WebSocketSessionInfo info, int statusCode, Map<String, Object> payload) {
		this.connections.remove(info.getId());
	}

	/**
	 * Takes a slot of the connection (if any) and of the client, or neither when either
	 * is full.
	 */
	boolean reserve(@Nullable String connection, String client) {
		AtomicInteger ofClient = this.clients.computeIfAbsent(client, (c) -> new AtomicInteger());
		if (ofClient.incrementAndGet() > this.perClient) {
			release(null, client);
			return false;
		}
		if (connection != null) {
			AtomicInteger ofConnection = this.connections.computeIfAbsent(connection, (c) -> new AtomicInteger());
			if (ofConnection.incrementAndGet() > this.perConnection) {
				release(connection, client);
				return false;
			}
		}
		return true;
	}

	void release(@Nullable String connection, String client) {
		if (connection != null) {
			AtomicInteger ofConnection = this.connections.get(connection);
			if (ofConnection != null) {
				ofConnection.decrementAndGet();
			}
		}
		this.clients.computeIfPresent(client, (c, count) -> (count.decrementAndGet() <= 0) ? null : count);
	}

	/** Open subscriptions of a client address, for tests and diagnostics. */
	int openOf(String client) {
		AtomicInteger count = this.clients.get(client);
		return (count != null) ? count.get() : 0;
	}

	private GraphQLError tooMany(boolean webSocket) {
		String message = webSocket
				? "Too many subscriptions: at most " + this.perConnection + " per connection and " + this.perClient
						+ " per client; complete one first"
				: "Too many subscriptions: at most " + this.perClient + " per client; close one first";
		ErrorClassification type = ErrorType.BAD_REQUEST;
		return GraphqlErrorBuilder.newError().errorType(type).message(message).extensions(Map.of("code", CODE)).build();
	}

	private static String client(WebGraphQlRequest request) {
		var address = request.getRemoteAddress();
		if (address == null) {
			return "unknown";
		}
		return (address.getAddress() != null) ? address.getAddress().getHostAddress() : address.getHostString();
	}

}
