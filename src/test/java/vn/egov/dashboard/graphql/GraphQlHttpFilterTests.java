package vn.egov.dashboard.graphql;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /graphql} answered from the web filters by Spring's GraphQL HTTP handler;
 * everything else left to the dispatcher.
 */
class GraphQlHttpFilterTests extends IntegrationTests {

	@Autowired
	private ObjectProvider<WebFilter> filters;

	@Autowired
	private GraphQlHttpFilter filter;

	@Test
	void shouldComeAfterEveryOtherWebFilter() {
		// It answers without calling the rest of the chain: a filter after it would
		// never see a query.
		List<WebFilter> ordered = this.filters.orderedStream().toList();
		assertThat(ordered.get(ordered.size() - 1)).isSameAs(this.filter);
		assertThat(ordered).filteredOn(GraphQlHttpFilter.class::isInstance).hasSize(1);
	}

	@Test
	void shouldAnswerAQueryWithoutTheDispatcher() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/graphql")
			.remoteAddress(new InetSocketAddress("127.0.0.1", 40000))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_GRAPHQL_RESPONSE)
			.body("{\"query\": \"{ agency(code: \\\"P48\\\") { name nameEn } }\"}"));
		AtomicInteger dispatched = new AtomicInteger();
		this.filter.filter(exchange, dispatcher(dispatched)).block();
		assertThat(dispatched).hasValue(0);
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(exchange.getResponse().getHeaders().getContentType())
			.isEqualTo(MediaType.APPLICATION_GRAPHQL_RESPONSE);
		assertThat(exchange.getResponse().getBodyAsString().block())
			.isEqualTo("{\"data\":{\"agency\":{\"name\":\"Đà Nẵng\",\"nameEn\":\"Da Nang\"}}}");
	}

	@Test
	void shouldLeaveOtherRequestsToTheDispatcher() {
		List<MockServerHttpRequest> others = List.of(
				// a permalink
				MockServerHttpRequest.get("/graphql?query=%7B__typename%7D").build(),
				// a subscription over SSE
				MockServerHttpRequest.post("/graphql")
					.contentType(MediaType.APPLICATION_JSON)
					.accept(MediaType.TEXT_EVENT_STREAM)
					.body("{\"query\": \"subscription { __typename }\"}"),
				// another path, another media type
				MockServerHttpRequest.post("/api/hits").contentType(MediaType.APPLICATION_JSON).body("{}"),
				MockServerHttpRequest.post("/graphql").contentType(MediaType.TEXT_PLAIN).body("{ __typename }"));
		for (MockServerHttpRequest request : others) {
			AtomicInteger dispatched = new AtomicInteger();
			this.filter.filter(MockServerWebExchange.from(request), dispatcher(dispatched)).block();
			assertThat(dispatched).as(request.getMethod() + " " + request.getURI()).hasValue(1);
		}
	}

	private static WebFilterChain dispatcher(AtomicInteger calls) {
		return (exchange) -> Mono.fromRunnable(calls::incrementAndGet);
	}

}
