package vn.egov.dashboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import vn.egov.dashboard.graphql.Texts;

/**
 * What a bearer token must say besides a valid signature, issuer and times (Spring's
 * default checks, which accept a token without {@code exp} forever):
 * <ul>
 * <li>an expiry, {@code exp};</li>
 * <li>a lifetime of at most {@code egov.security.max-token-lifetime}: from {@code iat} to
 * {@code exp}, or from now to {@code exp} when the token does not say when it was issued.
 * A leaked token then stops working by itself;</li>
 * <li>a subject, {@code sub}, of at most {@link #MAX_SUBJECT} characters that can be
 * stored: it is who the audit log says wrote ({@code jwt:<sub>}).</li>
 * </ul>
 * Boot's resource-server auto-configuration adds this validator to the decoder of every
 * kind of issuer configuration. A token failing it is refused with 401 before anything
 * runs.
 */
final class TokenChecks implements OAuth2TokenValidator<Jwt> {

	static final int MAX_SUBJECT = 200;

	private final Duration maxLifetime;

	private final Clock clock;

	TokenChecks(Duration maxLifetime, Clock clock) {
		this.maxLifetime = maxLifetime;
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		List<String> problems = new ArrayList<>();
		Instant expiresAt = token.getExpiresAt();
		if (expiresAt == null) {
			problems.add("the token has no expiry (exp); tokens must expire");
		}
		else {
			// Spring fills in a missing iat as exp - 1 s: whichever of iat and now is
			// earlier counts, so that a token without iat is measured from now.
			Instant now = this.clock.instant();
			Instant from = (token.getIssuedAt() != null && token.getIssuedAt().isBefore(now)) ? token.getIssuedAt()
					: now;
			Duration lifetime = Duration.between(from, expiresAt);
			if (lifetime.compareTo(this.maxLifetime) > 0) {
				problems.add("the token is valid for " + lifetime.toSeconds() + " s, longer than this server accepts ("
						+ this.maxLifetime.toSeconds() + " s)");
			}
		}
		String subject = token.getSubject();
		if (subject == null || subject.isBlank()) {
			problems.add("the token names no subject (sub)");
		}
		else if (subject.length() > MAX_SUBJECT || Texts.unstorable(subject) != null) {
			problems.add("the token's subject (sub) must be text of at most " + MAX_SUBJECT + " characters");
		}
		if (problems.isEmpty()) {
			return OAuth2TokenValidatorResult.success();
		}
		return OAuth2TokenValidatorResult.failure(problems.stream()
			.map((problem) -> new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, problem, null))
			.toList());
	}

}
