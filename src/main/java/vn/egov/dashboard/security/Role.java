package vn.egov.dashboard.security;

/**
 * What a caller may write. Reads need no role.
 */
public enum Role {

	/** Everything, including API keys and the audit log. */
	ADMIN,

	/** Assessments: defining rounds and importing scores. */
	ANALYST,

	/** Plans, task reports and measurements of its own agency only. */
	AGENCY_EDITOR;

	/** The Spring Security authority of this role, e.g. {@code ROLE_ADMIN}. */
	String authority() {
		return "ROLE_" + name();
	}

}
