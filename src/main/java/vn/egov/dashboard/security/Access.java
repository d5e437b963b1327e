package vn.egov.dashboard.security;

import reactor.core.publisher.Mono;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;

/**
 * The caller of the current request, and the agency-scope rule the role annotations
 * cannot express: an {@link Role#AGENCY_EDITOR} writes only its own agency's data.
 */
public final class Access {

	private Access() {
	}

	/** The signed-in caller, or empty when the request is anonymous. */
	public static Mono<Caller> caller() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(Authentication::isAuthenticated)
			.mapNotNull((authentication) -> (authentication.getPrincipal() instanceof Caller caller) ? caller : null);
	}

	/**
	 * Completes when the caller may write the data of {@code agencyCode} (an ADMIN, or
	 * the AGENCY_EDITOR of exactly that agency); fails with {@link AccessDeniedException}
	 * otherwise, before anything is written.
	 */
	public static Mono<Void> requireAgency(String agencyCode) {
		return caller().switchIfEmpty(Mono.error(() -> new AccessDeniedException("not signed in")))
			.flatMap((caller) -> {
				if (caller.has(Role.ADMIN)
						|| (caller.has(Role.AGENCY_EDITOR) && agencyCode.equals(caller.agencyCode()))) {
					return Mono.<Void>empty();
				}
				return Mono.error(new AgencyScopeException(caller, agencyCode));
			});
	}

	/** An agency editor tried to write another agency's data. */
	static final class AgencyScopeException extends AccessDeniedException {

		AgencyScopeException(Caller caller, String agencyCode) {
			super((caller.agencyCode() != null)
					? "you may write only the data of agency " + caller.agencyCode() + ", not of " + agencyCode
					: "your roles " + caller.roles() + " do not allow writing the data of agency " + agencyCode);
		}

	}

}
