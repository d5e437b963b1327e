package vn.egov.dashboard.live;

import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.GraphQlRequest;
import org.springframework.graphql.GraphQlResponse;
import org.springframework.graphql.client.GraphQlTransport;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Subscriptions over Server-Sent Events (POST to the HTTP path with
 * {@code Accept: text/event-stream}), for
 * {@link org.springframework.graphql.test.tester.GraphQlTester}: Spring for GraphQL 2.0
 * serves SSE but its client has no SSE transport. Each {@code next} event is one
 * response; {@code complete} ends the stream.
 */
final class SseTransport implements GraphQlTransport {

	private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT = new ParameterizedTypeReference<>() {
	};

	private final WebClient client;

	SseTransport(int port) {
		this.client = WebClient.create("http://localhost:" + port + "/graphql");
	}

	@Override
	public Mono<GraphQlResponse> execute(GraphQlRequest request) {
		return executeSubscription(request).next();
	}

	@Override
	public Flux<GraphQlResponse> executeSubscription(GraphQlRequest request) {
		return this.client.post()
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(request.toMap())
			.retrieve()
			.bodyToFlux(EVENT)
			.takeWhile((event) -> !"complete".equals(event.event()))
			.filter((event) -> "next".equals(event.event()) && event.data() != null)
			.map((event) -> GraphQlTransport.createResponse(event.data()));
	}

}
