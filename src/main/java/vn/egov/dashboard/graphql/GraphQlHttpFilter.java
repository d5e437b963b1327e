package vn.egov.dashboard.graphql;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.graphql.server.webflux.GraphQlRequestPredicates;
import org.springframework.http.HttpMethod;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Hands the requests of Boot's GraphQL-over-HTTP route ({@code POST /graphql}, JSON in,
 * JSON out; Spring's own {@link GraphQlRequestPredicates#graphQlHttp predicate}) to the
 * GraphQL HTTP handler straight from the web filters. WebFlux's dispatcher would find the
 * same handler by trying every route in turn, call it through a handler adapter and write
 * its {@link ServerResponse} through a result handler: a tenth of the server's CPU time
 * per query (BENCHMARKS.md, "The dispatcher and the codecs"). The handler, its
 * interceptors and the writing of the response are Spring's, as on the route; everything
 * else (permalinks, event streams, WebSocket handshakes, other paths and media types)
 * goes on to the dispatcher.
 */
final class GraphQlHttpFilter implements WebFilter, Ordered {

	private final GraphQlHttpHandler handler;

	private final RequestPredicate route;

	private final String path;

	private final List<HttpMessageReader<?>> readers;

	private final ServerResponse.Context writers;

	GraphQlHttpFilter(GraphQlHttpHandler handler, ServerCodecConfigurer codecs, String path) {
		this.handler = handler;
		this.route = GraphQlRequestPredicates.graphQlHttp(path);
		this.path = path;
		this.readers = codecs.getReaders();
		this.writers = new Writers(codecs.getWriters());
	}

	@Override
	public int getOrder() {
		return RequestPipeline.GRAPHQL_HTTP;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest http = exchange.getRequest();
		if (http.getMethod() != HttpMethod.POST || !http.getPath().pathWithinApplication().value().equals(this.path)) {
			// page views (POST /api/hits) and the rest, without building a request
			return chain.filter(exchange);
		}
		ServerRequest request = ServerRequest.create(exchange, this.readers);
		if (!this.route.test(request)) {
			return chain.filter(exchange);
		}
		// the route's pattern, which the dispatcher would have named, for the uri tag of
		// http.server.requests
		ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.ifPresent((observation) -> observation.setPathPattern(this.path));
		return this.handler.handleRequest(request).flatMap((response) -> response.writeTo(exchange, this.writers));
	}

	/** The server's message writers, as WebFlux's result handler gives them; no views. */
	private record Writers(List<HttpMessageWriter<?>> messageWriters) implements ServerResponse.Context {

		@Override
		public List<ViewResolver> viewResolvers() {
			return List.of();
		}

	}

}
