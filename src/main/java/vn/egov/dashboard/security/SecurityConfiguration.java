package vn.egov.dashboard.security;

import java.time.Clock;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Every request gets through the filter chain (reads are public); the write services
 * decide, with {@link AdminOnly}, {@link AnalystWrite}, {@link AgencyWrite} and
 * {@link Access#requireAgency}.
 * <p>
 * A request may carry a bearer token, checked by Spring's OAuth2 resource server against
 * the issuer configured in {@code spring.security.oauth2.resourceserver.jwt.*} (a
 * national SSO, Keycloak, …), or an API key in {@code X-API-Key}. A bad one is refused
 * with 401 before anything runs; with no issuer configured, bearer tokens are refused
 * rather than ignored. No sessions, no cookies, no CSRF (no browser login here).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableReactiveMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	/** The header agencies' systems send their key in. */
	static final String API_KEY_HEADER = "X-API-Key";

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http,
			ObjectProvider<ReactiveJwtDecoder> jwtDecoder, ApiKeys apiKeys, AuthenticationFailures failures,
			SecurityProperties properties) {
		http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			// CORS stays with the handlers (the beacon's @CrossOrigin); GraphQL is
			// same-origin or server-to-server.
			.cors(ServerHttpSecurity.CorsSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			// Cacheable public answers set their own Cache-Control and ETag
			// (cache.ResponseCache).
			.headers((headers) -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(failures))
			.addFilterAt(apiKeyFilter(apiKeys, failures), SecurityWebFiltersOrder.AUTHENTICATION);
		ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
		if (decoder != null) {
			http.oauth2ResourceServer((server) -> server.authenticationEntryPoint(failures)
				.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(new JwtCallers(properties))));
		}
		else {
			http.addFilterAt(noIssuerFilter(failures), SecurityWebFiltersOrder.AUTHENTICATION);
		}
		return http.build();
	}

	/**
	 * Bearer tokens must expire, within {@code egov.security.max-token-lifetime}, and
	 * name their subject; Boot adds this validator to the JWT decoder.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> tokenChecks(SecurityProperties properties, Clock clock) {
		return new TokenChecks(properties.maxTokenLifetime(), clock);
	}

	/**
	 * Spring Security observes every request's way through the filter chain and every
	 * authorization decision unless told otherwise: for an anonymous read that is a timer
	 * per filter and one for its {@code permitAll}, a tenth of the CPU time of a cached
	 * answer, in metrics no dashboard reads. Requests are timed as a whole by
	 * {@code http.server.requests}; authentications keep Spring's default.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.withDefaults()
			.shouldObserveRequests(false)
			.shouldObserveAuthorizations(false)
			.build();
	}

	private static AuthenticationWebFilter apiKeyFilter(ApiKeys apiKeys, AuthenticationFailures failures) {
		ReactiveAuthenticationManager check = (presented) -> apiKeys
			.authenticate(String.valueOf(presented.getCredentials()))
			.map(CallerAuthentication::new);
		AuthenticationWebFilter filter = new AuthenticationWebFilter(check);
		filter.setServerAuthenticationConverter(
				(exchange) -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(API_KEY_HEADER))
					.map(PresentedKey::new));
		filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(failures));
		filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		return filter;
	}

	private static AuthenticationWebFilter noIssuerFilter(AuthenticationFailures failures) {
		ReactiveAuthenticationManager refuse = (token) -> Mono.error(new BadCredentialsException(
				"bearer tokens are not accepted: this server has no token issuer configured "
						+ "(spring.security.oauth2.resourceserver.jwt.*); use an API key in " + API_KEY_HEADER));
		AuthenticationWebFilter filter = new AuthenticationWebFilter(refuse);
		filter.setServerAuthenticationConverter(new ServerBearerTokenAuthenticationConverter());
		filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(failures));
		filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		return filter;
	}

	/** An API key as presented, before it is checked. */
	static final class PresentedKey extends AbstractAuthenticationToken {

		private final String key;

		PresentedKey(String key) {
			super(List.of());
			this.key = key;
		}

		@Override
		public String getCredentials() {
			return this.key;
		}

		@Override
		public Object getPrincipal() {
			return "API key";
		}

	}

}
