package vn.egov.dashboard.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.security.*} settings. The token issuer itself is Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} (issuer-uri, jwk-set-uri or
 * public-key-location).
 *
 * @param rolesClaim the JWT claim listing the caller's roles (ADMIN, ANALYST,
 * AGENCY_EDITOR)
 * @param agencyClaim the JWT claim naming an agency editor's agency code
 * @param keyTouchInterval how stale an API key's last-used time may get before a request
 * updates it
 * @param maxTokenLifetime the longest a bearer token may be valid: from its {@code iat}
 * (issued at) to its {@code exp}, or from now to its {@code exp} when it has no
 * {@code iat}; a token without {@code exp} is refused
 */
@ConfigurationProperties("egov.security")
record SecurityProperties(@DefaultValue("roles") String rolesClaim, @DefaultValue("agency") String agencyClaim,
		@DefaultValue("1m") Duration keyTouchInterval, @DefaultValue("8h") Duration maxTokenLifetime) {

}
