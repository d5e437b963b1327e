package vn.egov.dashboard.embed;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * One CORS rule for every endpoint: a cross-origin request (its {@code Origin} is not the
 * server's own) from an {@link AllowedOrigins allowed origin} gets Spring's CORS headers,
 * that origin named and credentials allowed (the visitor cookie); from any other origin
 * it is refused with 403 before anything runs, a preflight as well as the request itself
 * and a WebSocket handshake (browsers send no preflight before one, so the handshake is
 * where it is refused). Requests without an {@code Origin}, or from the server's own
 * pages (GraphiQL), are not CORS requests and pass.
 * <p>
 * Browsers may send {@code Content-Type} and {@code Accept}; credentials other than the
 * cookie ({@code Authorization}, {@code X-API-Key}) are not allowed from other origins:
 * writers' keys belong to servers, not to pages. Before Spring Security (-100), so that
 * refusals and rate-limit answers (429) carry the headers a page needs to read them.
 */
@Component
@EnableConfigurationProperties(EmbedProperties.class)
class CorsFilter implements WebFilter, Ordered {

	private final AllowedOrigins origins;

	private final CorsProcessor processor = new DefaultCorsProcessor();

	private final CorsConfiguration rule;

	CorsFilter(AllowedOrigins origins, EmbedProperties properties) {
		this.origins = origins;
		CorsConfiguration rule = new CorsConfiguration();
		rule.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
		rule.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT));
		rule.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER, "X-Cache"));
		rule.setAllowCredentials(true);
		rule.setMaxAge(properties.maxAge());
		this.rule = rule;
	}

	@Override
	public int getOrder() {
		return RequestPipeline.CORS;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String origin = request.getHeaders().getOrigin();
		if (origin == null || !CorsUtils.isCorsRequest(request)) {
			return chain.filter(exchange);
		}
		return this.origins.allows(origin).flatMap((allowed) -> {
			CorsConfiguration config = new CorsConfiguration(this.rule);
			if (allowed) {
				config.setAllowedOrigins(List.of(origin));
			}
			if (!this.processor.process(config, exchange) || CorsUtils.isPreFlightRequest(request)) {
				return exchange.getResponse().setComplete();
			}
			return chain.filter(exchange);
		});
	}

}
