package vn.egov.dashboard.cache;

import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.CodecConfigurer;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Spring's GraphQL-over-HTTP handler (status, headers and content negotiation stay
 * Spring's), with two shortcuts for the answers of the {@link ResponseCache}:
 * <ul>
 * <li>a cached answer is written as the bytes it is kept as ({@link CachedAnswer}),
 * wrapped, not copied: Jackson writing the cached JSON into a new buffer (re-encoding it
 * to UTF-8) was 7% of the CPU time of a cached ranking;</li>
 * <li>a request whose {@code If-None-Match} names the answer's ETag gets 304 Not
 * Modified, without a body. RFC 9110 asks for 412 instead when the method is not GET or
 * HEAD, because there the header guards a write; GraphQL over HTTP is POST here, and a
 * query is a read, so it is answered as a GET would be.</li>
 * </ul>
 */
final class CachedAnswerHttpHandler extends GraphQlHttpHandler {

	/**
	 * With the server's codecs, requests are read and answers written by its JSON decoder
	 * and encoder directly, rather than by looking for a reader and a writer that can,
	 * one by one, for each request: 8-15 % of the server's CPU time per query
	 * (BENCHMARKS.md, "The dispatcher and the codecs").
	 */
	CachedAnswerHttpHandler(WebGraphQlHandler handler, CodecConfigurer codecs) {
		super(handler, codecs);
	}

	@Override
	protected Mono<ServerResponse> prepareResponse(ServerRequest request, WebGraphQlResponse response) {
		String etag = response.getResponseHeaders().getETag();
		if (etag != null && matches(request.headers().asHttpHeaders(), ETag.create(etag))) {
			return ServerResponse.status(HttpStatus.NOT_MODIFIED)
				.headers((headers) -> headers.putAll(response.getResponseHeaders()))
				.build();
		}
		return super.prepareResponse(request, response);
	}

	@Override
	protected Object encodeResponseIfNecessary(WebGraphQlResponse response) {
		if (response.getExecutionResult().getData() instanceof CachedAnswer answer) {
			return answer.body();
		}
		return super.encodeResponseIfNecessary(response);
	}

	/**
	 * Whether the request's {@code If-None-Match} names the answer's ETag (weak
	 * comparison).
	 */
	static boolean matches(HttpHeaders request, ETag etag) {
		return request.getOrEmpty(HttpHeaders.IF_NONE_MATCH)
			.stream()
			.flatMap((header) -> ETag.parse(header).stream())
			.anyMatch((tag) -> tag.isWildcard() || tag.compare(etag, false));
	}

}
