/**
 * Who may write: bearer tokens (JWT from a configurable issuer) and hashed, revocable API
 * keys become a {@link vn.egov.dashboard.security.Caller}; roles guard the write
 * services, agency editors are held to their own agency, and every authenticated write is
 * recorded in the audit log in its own transaction. Reads stay open to everyone.
 */
@NullMarked
package vn.egov.dashboard.security;

import org.jspecify.annotations.NullMarked;
