package vn.egov.dashboard.system;

import io.r2dbc.spi.R2dbcNonTransientResourceException;

/**
 * A database operation given up by the {@link DatabaseWatch}: PostgreSQL stopped
 * answering (a probe connection could not get an answer in time), or the operation used a
 * connection from before an outage. SQLSTATE 08006 (connection failure), so that
 * {@link DatabaseUnavailable} and everything that asks it treat it as the outage it is.
 */
class DatabaseUnreachableException extends R2dbcNonTransientResourceException {

	DatabaseUnreachableException(String reason) {
		super("The database does not answer: " + reason, "08006");
	}

}
