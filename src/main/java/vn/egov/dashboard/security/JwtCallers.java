package vn.egov.dashboard.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A verified JWT as a {@link Caller}: {@code jwt:} and its subject, its roles from
 * {@code egov.security.roles-claim} (names this API does not know are ignored) and its
 * agency from {@code egov.security.agency-claim}.
 */
class JwtCallers implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

	private final SecurityProperties properties;

	JwtCallers(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
		return Mono.just(new CallerAuthentication(caller(jwt)));
	}

	Caller caller(Jwt jwt) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		List<String> names = jwt.hasClaim(this.properties.rolesClaim())
				? jwt.getClaimAsStringList(this.properties.rolesClaim()) : List.of();
		for (String name : (names != null) ? names : List.<String>of()) {
			for (Role role : Role.values()) {
				if (role.name().equals(name)) {
					roles.add(role);
				}
			}
		}
		// TokenChecks refused tokens without a subject.
		return Caller.jwt(jwt.getSubject(), roles, jwt.getClaimAsString(this.properties.agencyClaim()));
	}

}
