package vn.egov.dashboard.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A signed-in {@link Caller}: what both a valid JWT and a valid API key become, with one
 * authority per role.
 */
public final class CallerAuthentication extends AbstractAuthenticationToken {

	private final Caller caller;

	public CallerAuthentication(Caller caller) {
		super(AuthorityUtils.createAuthorityList(caller.roles().stream().map(Role::authority).sorted().toList()));
		this.caller = caller;
		setAuthenticated(true);
	}

	@Override
	public Caller getPrincipal() {
		return this.caller;
	}

	@Override
	public @Nullable Object getCredentials() {
		return null;
	}

	@Override
	public String getName() {
		return this.caller.name();
	}

}
