package vn.egov.dashboard.security;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The authenticated caller of a request, whichever way it signed in.
 *
 * @param name who it is, namespaced by the way it signed in so that no caller can pass
 * for another kind: {@code jwt:<subject>} for a bearer token, {@code key:<prefix>} for an
 * API key, {@code cli:<operating-system user>} for a command run on the server. A token
 * whose subject is {@code key:k3xq7mfa} is {@code jwt:key:k3xq7mfa}, never that key.
 * @param roles what it may write
 * @param agencyCode the agency an {@link Role#AGENCY_EDITOR} writes for
 */
public record Caller(String name, Set<Role> roles, @Nullable String agencyCode) {

	/** The namespace of callers with a bearer token (JWT). */
	static final String JWT = "jwt:";

	/** The namespace of callers with an API key. */
	static final String KEY = "key:";

	/** The namespace of commands run on the server itself. */
	static final String CLI = "cli:";

	/**
	 * An operator's command run on the server itself (assessment import, first admin
	 * key), named after the operating-system user running it.
	 */
	public static final Caller COMMAND_LINE = new Caller(CLI + System.getProperty("user.name", "unknown"),
			Set.of(Role.ADMIN), null);

	public Caller {
		if (!name.startsWith(JWT) && !name.startsWith(KEY) && !name.startsWith(CLI)) {
			throw new IllegalArgumentException("a caller's name starts with jwt:, key: or cli:, was " + name);
		}
		roles = Set.copyOf(roles);
	}

	/** The caller a verified bearer token with {@code subject} stands for. */
	static Caller jwt(String subject, Set<Role> roles, @Nullable String agencyCode) {
		return new Caller(JWT + subject, roles, agencyCode);
	}

	/** The caller an API key with {@code prefix} stands for. */
	static Caller apiKey(String prefix, Role role, @Nullable String agencyCode) {
		return new Caller(KEY + prefix, Set.of(role), agencyCode);
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

}
