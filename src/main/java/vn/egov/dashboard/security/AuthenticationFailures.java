package vn.egov.dashboard.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request with a bad bearer token or API key: HTTP 401 with a GraphQL-shaped body, so clients read the
 * reason where they read every other error, in {@code errors[0].message} with
 * {@code extensions.classification} UNAUTHORIZED. Nothing runs for such a request.
 */
@Component
class AuthenticationFailures implements ServerAuthenticationEntryPoint {

	private final JsonMapper json;

	AuthenticationFailures(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		var response = exchange.getResponse();
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		Map<String, Object> body = Map.of("errors", List.of(Map.of("message", "Not signed in: " + ex.getMessage(),
				"extensions", Map.of("classification", "UNAUTHORIZED"))));
		DataBuffer buffer = response.bufferFactory()
			.wrap(this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

}
