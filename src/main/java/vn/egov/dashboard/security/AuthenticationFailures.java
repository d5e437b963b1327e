package vn.egov.dashboard.security;

import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import vn.egov.dashboard.graphql.ErrorBodies;

/**
 * A request with a bad bearer token or API key: HTTP 401 with a GraphQL-shaped body, so
 * clients read the reason where they read every other error, in {@code errors[0].message}
 * with {@code extensions.classification} UNAUTHORIZED. Nothing runs for such a request.
 */
@Component
class AuthenticationFailures implements ServerAuthenticationEntryPoint {

	private final JsonMapper json;

	AuthenticationFailures(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		return ErrorBodies.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, this.json,
				"Not signed in: " + ex.getMessage(), Map.of("classification", "UNAUTHORIZED"));
	}

}
