package vn.egov.dashboard.visitor;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Puts the {@link Visitor} of every GraphQL request into the GraphQL context, and sets
 * the visitor cookie on the response when the request had none that this server issued (a
 * forged or altered one is replaced). The response cache, around this interceptor, then
 * makes a cacheable answer {@code private}, and answers from the cache set no cookie.
 */
@Component
class VisitorInterceptor implements WebGraphQlInterceptor, Ordered {

	private final Visitors visitors;

	VisitorInterceptor(Visitors visitors) {
		this.visitors = visitors;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		HttpCookie cookie = request.getCookies().getFirst(this.visitors.cookieName());
		Visitor visitor = this.visitors.of(request.getRemoteAddress(), request.getHeaders(),
				(cookie != null) ? cookie.getValue() : null);
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(Map.of(Visitor.CONTEXT_KEY, visitor)).build());
		return chain.next(request).doOnNext((response) -> {
			String issue = visitor.idToIssue();
			if (issue != null) {
				response.getResponseHeaders().add(HttpHeaders.SET_COOKIE, this.visitors.cookie(issue).toString());
			}
		});
	}

	@Override
	public int getOrder() {
		return RequestPipeline.VISITOR;
	}

}
