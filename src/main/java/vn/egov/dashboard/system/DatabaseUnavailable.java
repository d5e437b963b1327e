package vn.egov.dashboard.system;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Set;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.jspecify.annotations.Nullable;
import reactor.pool.PoolShutdownException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells the failures that mean "the database cannot be reached right now" (stopped,
 * restarting, unreachable, out of connections) from the ones that are a bug or bad data.
 * The former are answered as SERVICE_UNAVAILABLE (GraphQL) or 503 with
 * {@code Retry-After} (HTTP), and they end by themselves: the pool drops dead connections
 * and opens new ones once the database is back.
 * <p>
 * The exception chain is read from the outside in, and the first R2DBC exception that
 * carries a SQLSTATE decides: r2dbc-postgresql reports every SQLSTATE it does not know (a
 * trigger's {@code RAISE}, say) as a "non-transient resource" exception, which Spring
 * then wraps in a {@link DataAccessResourceFailureException}, so neither type alone
 * proves that the database is away.
 */
public final class DatabaseUnavailable {

	/** What clients are told (no SQL, no driver text). */
	public static final String MESSAGE = "The database is unavailable; nothing was read or written. Try again shortly.";

	/** How long clients are asked to wait before retrying ({@code Retry-After}). */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	/**
	 * SQLSTATEs of an unavailable server: admin or crash shutdown, and "cannot connect
	 * now" (starting up, shutting down, in recovery).
	 */
	private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

	/**
	 * SQLSTATE classes: 08 connection exception, 53 insufficient resources (too many
	 * connections, …).
	 */
	private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53");

	private static final int MAX_DEPTH = 32;

	private DatabaseUnavailable() {
	}

	/**
	 * Whether {@code failure} (or what caused it) means the database could not be
	 * reached.
	 */
	public static boolean isCauseOf(@Nullable Throwable failure) {
		boolean resourceFailure = false;
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
			if (current instanceof R2dbcException r2dbc) {
				String state = r2dbc.getSqlState();
				if (state != null && state.length() == 5) {
					return UNAVAILABLE_STATES.contains(state) || UNAVAILABLE_CLASSES.contains(state.substring(0, 2));
				}
				if (current instanceof R2dbcNonTransientResourceException
						|| current instanceof R2dbcTransientResourceException
						|| current instanceof R2dbcTimeoutException) {
					// Raised by the driver or the pool, not by the server: closed
					// connection, acquire timeout.
					return true;
				}
			}
			if (current instanceof ConnectException || current instanceof ClosedChannelException
					|| current instanceof PoolShutdownException) {
				return true;
			}
			if (current instanceof DataAccessResourceFailureException
					|| current instanceof TransientDataAccessResourceException
					|| current instanceof QueryTimeoutException
					|| current instanceof CannotCreateTransactionException) {
				resourceFailure = true;
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return resourceFailure;
	}

}
