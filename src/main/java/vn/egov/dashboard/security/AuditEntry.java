package vn.egov.dashboard.security;

import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One authenticated write, as the audit log shows it.
 *
 * @param id row id, increasing
 * @param at when the write's transaction ran
 * @param actor the caller's name
 * @param actorRoles the caller's roles then
 * @param actorAgency the agency of an agency editor
 * @param action the operation, e.g. {@code recordMeasurement}
 * @param entity the kind of row written, e.g. {@code measurement}
 * @param entityId the row's id or code
 * @param oldValue the row before (null when created), as JSON values (maps, lists,
 * strings, numbers)
 * @param newValue the row after
 */
public record AuditEntry(long id, OffsetDateTime at, String actor, List<Role> actorRoles, @Nullable String actorAgency,
		String action, String entity, @Nullable String entityId, @Nullable Object oldValue, @Nullable Object newValue) {

}
