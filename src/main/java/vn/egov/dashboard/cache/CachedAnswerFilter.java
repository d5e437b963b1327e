package vn.egov.dashboard.cache;

import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Writes an answer of the {@link ResponseCache} straight from the request's bytes,
 * without decoding the request or running the GraphQL handler: a CDN's shortcut, kept
 * inside the server. An anonymous {@code POST} whose body, {@code Accept} and
 * {@code Content-Type} headers are byte for byte those of an earlier request that was
 * answered from the cache, or stored in it, is a shortcut to that answer's cache key;
 * while the cache still holds the answer, it is written with the headers a hit gets on
 * the ordinary path (and {@code If-None-Match} answered with 304 the same way). Anything
 * else, and every request whose answer a write has dropped, goes the ordinary way, which
 * may add a shortcut.
 * <p>
 * It runs after Spring Security's filters and the rate limiter ({@link RequestPipeline}),
 * so a shortcut is counted, limited and given the security headers like any request.
 * Request bodies are read here only when they declare a length of at most
 * {@link #MAX_BODY} bytes.
 */
final class CachedAnswerFilter implements WebFilter, Ordered {

	/**
	 * The largest request body looked up; larger bodies, and bodies of unknown length, go
	 * the ordinary way.
	 */
	static final int MAX_BODY = 16 * 1024;

	private final ResponseCache responses;

	private final Cache<String, Shortcut> shortcuts;

	private final String path;

	private final Counter written;

	/**
	 * A shortcut: the request with this body and {@code Accept} is answered by this
	 * entry, in this media type.
	 */
	record Shortcut(String key, MediaType contentType) {
	}

	/**
	 * Set in the request attributes of a request that had no shortcut; the
	 * {@link ResponseCache} names the key of the entry that answered it, if one did.
	 */
	static final class Miss {

		static final String ATTRIBUTE = Miss.class.getName();

		private volatile @Nullable String key;

		void answeredBy(String key) {
			this.key = key;
		}

	}

	CachedAnswerFilter(ResponseCache responses, Cache<String, Shortcut> shortcuts, String path,
			MeterRegistry registry) {
		this.responses = responses;
		this.shortcuts = shortcuts;
		this.path = path;
		this.written = Counter.builder("egov.graphql.shortcut.answers")
			.description("Cached answers written from the request's bytes, without the GraphQL handler")
			.register(registry);
	}

	@Override
	public int getOrder() {
		return RequestPipeline.CACHED_ANSWER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		long length = headers.getContentLength();
		if (!this.responses.enabled() || request.getMethod() != HttpMethod.POST || length <= 0 || length > MAX_BODY
				|| !ResponseCache.anonymous(headers)
				|| !request.getPath().pathWithinApplication().value().equals(this.path)) {
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(request.getBody(), MAX_BODY).flatMap((buffer) -> {
			byte[] body = new byte[buffer.readableByteCount()];
			buffer.read(body);
			DataBufferUtils.release(buffer);
			String shortcut = key(headers.getOrEmpty(HttpHeaders.ACCEPT), headers.getOrEmpty(HttpHeaders.CONTENT_TYPE),
					body);
			Shortcut known = this.shortcuts.getIfPresent(shortcut);
			ResponseCache.Entry entry = (known != null) ? this.responses.cached(known.key()) : null;
			if (known != null && entry != null) {
				// the route the handler mapping would have named, for the uri tag of
				// http.server.requests
				ServerRequestObservationContext.findCurrent(exchange.getAttributes())
					.ifPresent((observation) -> observation.setPathPattern(this.path));
				return write(exchange, known, entry);
			}
			Miss miss = new Miss();
			exchange.getAttributes().put(Miss.ATTRIBUTE, miss);
			// Before the answer goes out, so that a client sending the same bytes again
			// once it has the answer finds
			// the shortcut (after the exchange completed, the next request could come
			// first).
			exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> remember(shortcut, miss, exchange)));
			ServerWebExchange replayed = exchange.mutate().request(new Replayed(request, body)).build();
			return chain.filter(replayed);
		});
	}

	private Mono<Void> write(ServerWebExchange exchange, Shortcut shortcut, ResponseCache.Entry entry) {
		this.written.increment();
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		this.responses.hitHeaders(headers, entry);
		if (CachedAnswerHttpHandler.matches(exchange.getRequest().getHeaders(), ETag.create(entry.etag()))) {
			response.setStatusCode(HttpStatus.NOT_MODIFIED);
			return response.setComplete();
		}
		byte[] body = entry.answer().body();
		headers.setContentType(shortcut.contentType());
		headers.setContentLength(body.length);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	/**
	 * Adds the shortcut when the answer, about to be sent, came from the cache as JSON
	 * (not a stream of events).
	 */
	private void remember(String shortcut, Miss miss, ServerWebExchange exchange) {
		String key = miss.key;
		MediaType type = exchange.getResponse().getHeaders().getContentType();
		if (key != null && exchange.getResponse().getStatusCode() == HttpStatus.OK && type != null
				&& (type.isCompatibleWith(MediaType.APPLICATION_JSON)
						|| type.isCompatibleWith(MediaType.APPLICATION_GRAPHQL_RESPONSE))) {
			this.shortcuts.put(shortcut, new Shortcut(key, type));
		}
	}

	/**
	 * SHA-256 of the {@code Accept} and {@code Content-Type} headers (as JSON lists, so
	 * that a missing header differs from an empty one) and the body, each preceded by its
	 * length: a collision cannot be crafted to reach another answer, and the same bytes
	 * sent as another media type (which the ordinary way refuses) are another request.
	 */
	private static String key(List<String> accept, List<String> contentType, byte[] body) {
		return ResponseCache.sha256(ResponseCache.canonicalJson(accept), ResponseCache.canonicalJson(contentType),
				body);
	}

	/**
	 * The request with its body, already read here, given again to the handlers after
	 * this filter.
	 */
	private static final class Replayed extends ServerHttpRequestDecorator {

		private final byte[] body;

		Replayed(ServerHttpRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
		}

	}

}
