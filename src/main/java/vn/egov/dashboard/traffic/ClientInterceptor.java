package vn.egov.dashboard.traffic;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Copies the visitor cookie, the client address and the user agent of every GraphQL HTTP
 * request into the GraphQL context as a {@link Client}, and sets the visitor cookie on
 * the response when the request had none (the response cache, around this interceptor,
 * then makes a cacheable answer {@code private}, and answers from the cache set no
 * cookie). The address is the connection's peer; behind a reverse proxy, set
 * {@code server.forward-headers-strategy} so that it is the real client's.
 */
@Component
class ClientInterceptor implements WebGraphQlInterceptor {

	private static final Duration COOKIE_AGE = Duration.ofDays(400);

	private final TrafficProperties properties;

	ClientInterceptor(TrafficProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		HttpCookie cookie = request.getCookies().getFirst(this.properties.visitorCookie());
		String userAgent = request.getHeaders().getFirst(HttpHeaders.USER_AGENT);
		Client client = new Client((cookie != null) ? cookie.getValue() : null, address(request.getRemoteAddress()),
				(userAgent != null) ? userAgent : "");
		request.configureExecutionInput(
				(input, builder) -> builder.graphQLContext(Map.of(Client.CONTEXT_KEY, client)).build());
		return chain.next(request).doOnNext((response) -> {
			String issue = client.cookieToIssue();
			if (issue != null) {
				response.getResponseHeaders().add(HttpHeaders.SET_COOKIE, cookie(issue).toString());
			}
		});
	}

	private ResponseCookie cookie(String value) {
		return ResponseCookie.from(this.properties.visitorCookie(), value)
			.path("/")
			.maxAge(COOKIE_AGE)
			.httpOnly(true)
			.secure(this.properties.cookieSecure())
			.sameSite("Lax")
			.build();
	}

	static String address(@Nullable InetSocketAddress remote) {
		if (remote == null) {
			return "unknown";
		}
		return (remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
