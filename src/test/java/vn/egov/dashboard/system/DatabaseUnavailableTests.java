package vn.egov.dashboard.system;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures mean "the database cannot be reached": the shapes Spring, r2dbc-pool and
 * r2dbc-postgresql give them (seen in the logs of a stopped PostgreSQL), against errors
 * that are bugs or bad data.
 */
class DatabaseUnavailableTests {

	@Test
	void shouldRecogniseARefusedConnectionBehindSpringsWrappers() {
		ConnectException refused = new ConnectException("finishConnect(..) failed: Connection refused");
		var driver = new R2dbcNonTransientResourceException("Cannot connect to 127.0.0.1:5439", "08003", refused);
		assertThat(DatabaseUnavailable
			.isCauseOf(new CannotCreateTransactionException("Could not open R2DBC Connection for transaction", driver)))
			.isTrue();
		assertThat(DatabaseUnavailable
			.isCauseOf(new DataAccessResourceFailureException("Failed to obtain R2DBC Connection", driver))).isTrue();
		assertThat(DatabaseUnavailable.isCauseOf(refused)).isTrue();
	}

	@Test
	void shouldRecogniseShutdownsAndStartUpsByTheirSqlState() {
		for (String state : new String[] { "57P01", "57P02", "57P03", "08006", "53300" }) {
			assertThat(DatabaseUnavailable.isCauseOf(new DataAccessResourceFailureException("wrapped",
					new R2dbcNonTransientResourceException("terminating connection", state))))
				.as(state)
				.isTrue();
		}
	}

	@Test
	void shouldRecogniseClosedConnectionsAndPoolTimeouts() {
		assertThat(
				DatabaseUnavailable.isCauseOf(new R2dbcNonTransientResourceException("Connection unexpectedly closed")))
			.isTrue();
		assertThat(DatabaseUnavailable.isCauseOf(new R2dbcTransientResourceException("Request queue full"))).isTrue();
		assertThat(DatabaseUnavailable.isCauseOf(new DataAccessResourceFailureException(
				"Failed to obtain R2DBC Connection",
				new R2dbcTimeoutException("Connection acquisition timed out after 2000ms", new TimeoutException()))))
			.isTrue();
	}

	@Test
	void shouldNotMistakeOtherServerErrorsForAnOutage() {
		// r2dbc-postgresql reports an unknown SQLSTATE (here a trigger's RAISE) as a
		// "resource" exception, and Spring
		// wraps that in a DataAccessResourceFailureException: the SQLSTATE decides.
		assertThat(DatabaseUnavailable.isCauseOf(new DataAccessResourceFailureException("wrapped",
				new R2dbcNonTransientResourceException("nope", "P0001"))))
			.isFalse();
		assertThat(DatabaseUnavailable.isCauseOf(new R2dbcBadGrammarException("syntax error", "42601"))).isFalse();
		assertThat(DatabaseUnavailable.isCauseOf(new DataIntegrityViolationException("duplicate",
				new R2dbcDataIntegrityViolationException("duplicate key", "23505"))))
			.isFalse();
		assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("a bug"))).isFalse();
		assertThat(DatabaseUnavailable.isCauseOf(null)).isFalse();
	}

}
