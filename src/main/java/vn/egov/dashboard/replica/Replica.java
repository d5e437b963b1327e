package vn.egov.dashboard.replica;

import java.time.Duration;

import io.r2dbc.pool.ConnectionPool;

/**
 * A hot standby, its connection pool, and what its latest check found.
 */
final class Replica {

	/**
	 * What a check found.
	 *
	 * @param up whether it answered and is in recovery (a standby)
	 * @param replayLsn the WAL position it has replayed, in bytes
	 * @param lag how far behind the primary it is; zero when it has replayed all the
	 * primary had written when the check started
	 * @param freshSince {@code System.nanoTime()} at the start of the latest check whose
	 * primary position it has replayed: it holds every change committed before then
	 */
	record State(boolean up, long replayLsn, Duration lag, long freshSince) {

		static final State DOWN = new State(false, -1, Duration.ZERO, Long.MIN_VALUE);

	}

	private final String name;

	private final ConnectionPool pool;

	private volatile State state = State.DOWN;

	Replica(String name, ConnectionPool pool) {
		this.name = name;
		this.pool = pool;
	}

	String name() {
		return this.name;
	}

	ConnectionPool pool() {
		return this.pool;
	}

	State state() {
		return this.state;
	}

	void update(State state) {
		this.state = state;
	}

	/** Seen down between checks (a connection to it failed). */
	void down() {
		this.state = State.DOWN;
	}

}
