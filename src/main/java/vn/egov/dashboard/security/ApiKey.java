package vn.egov.dashboard.security;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * An API key as the API shows it: everything but the key, of which only a hash is stored.
 *
 * @param id row id
 * @param prefix the public part of the key ({@code egov_<prefix>_…})
 * @param label what the key is for, e.g. the reporting system's name
 * @param role what the key may write
 * @param agencyCode the agency of an AGENCY_EDITOR key
 * @param createdAt when it was created
 * @param createdBy who created it, as the audit log names callers ({@link Caller#name()})
 * @param lastUsedAt when it last authenticated a request (updated at most once per
 * interval)
 * @param revokedAt when it was revoked; a revoked key authenticates nothing
 */
public record ApiKey(long id, String prefix, String label, Role role, @Nullable String agencyCode,
		OffsetDateTime createdAt, String createdBy, @Nullable OffsetDateTime lastUsedAt,
		@Nullable OffsetDateTime revokedAt) {

	/** The caller a request signed with this key acts as. */
	Caller caller() {
		return Caller.apiKey(this.prefix, this.role, this.agencyCode);
	}

}
