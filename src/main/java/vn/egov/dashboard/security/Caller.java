package vn.egov.dashboard.security;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller of a request, whichever way it signed in.
 *
 * @param name the JWT subject, {@code key:<prefix>} for an API key, or
 * {@code command-line}
 * @param roles what it may write
 * @param agencyCode the agency an {@link Role#AGENCY_EDITOR} writes for
 */
public record Caller(String name, Set<Role> roles, @Nullable String agencyCode) {

	/**
	 * An operator's command run on the server itself (assessment import, first admin
	 * key).
	 */
	public static final Caller COMMAND_LINE = new Caller("command-line", Set.of(Role.ADMIN), null);

	public Caller {
		roles = Set.copyOf(roles);
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

}
