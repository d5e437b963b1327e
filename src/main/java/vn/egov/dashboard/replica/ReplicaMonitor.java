package vn.egov.dashboard.replica;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Reads, every {@code egov.replicas.check-interval}, how far each replica is behind the
 * primary, with PostgreSQL's own functions: the primary's {@code pg_current_wal_lsn()},
 * then each replica's {@code pg_last_wal_replay_lsn()} and
 * {@code pg_last_xact_replay_timestamp()}. A replica that has replayed the primary's
 * position is 0 s behind; one that has not is as far behind as its last replayed commit
 * is old. One that does not answer within {@link #TIMEOUT}, or is not in recovery (a
 * promoted standby is no replica), is down.
 * <p>
 * Gauges per replica: {@code egov.replica.up}, {@code egov.replica.lag} (seconds) and
 * {@code egov.replica.lag.bytes}.
 */
final class ReplicaMonitor {

	private static final Log logger = LogFactory.getLog(ReplicaMonitor.class);

	static final Duration TIMEOUT = Duration.ofSeconds(2);

	/** Checks remembered to date a replica's position (see {@link Replica.State}). */
	private static final int CHECKS_KEPT = 256;

	/**
	 * The lag of a replica behind the primary that has replayed no commit since it
	 * started.
	 */
	private static final Duration UNKNOWN_LAG = Duration.ofDays(36_500);

	private static final String PRIMARY_POSITION = "SELECT (pg_current_wal_lsn() - '0/0')::bigint";

	private static final String REPLICA_POSITION = """
			SELECT pg_is_in_recovery() AS standby,
			       (pg_last_wal_replay_lsn() - '0/0')::bigint AS replayed,
			       extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS last_commit_age
			""";

	private record Check(long startedAt, long primaryLsn) {
	}

	private final DatabaseClient primary;

	private final List<Replica> replicas;

	private final Deque<Check> checks = new ArrayDeque<>();

	private volatile long primaryLsn = -1;

	ReplicaMonitor(ConnectionFactory primary, List<Replica> replicas, MeterRegistry registry) {
		this.primary = DatabaseClient.create(primary);
		this.replicas = List.copyOf(replicas);
		for (Replica replica : replicas) {
			Gauge.builder("egov.replica.up", replica, (r) -> r.state().up() ? 1 : 0)
				.description("1 while the replica answers and is a standby, else 0")
				.tag("replica", replica.name())
				.register(registry);
			Gauge.builder("egov.replica.lag", replica, (r) -> r.state().up() ? r.state().lag().toNanos() / 1e9 : 0)
				.description("Seconds the replica is behind the primary (0 when it has replayed all)")
				.baseUnit("seconds")
				.tag("replica", replica.name())
				.register(registry);
			Gauge.builder("egov.replica.lag.bytes", replica, this::bytesBehind)
				.description("Bytes of WAL the primary has written and the replica not yet replayed")
				.baseUnit("bytes")
				.tag("replica", replica.name())
				.register(registry);
		}
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${egov.replicas.check-interval:250ms}")
	Mono<Void> check() {
		long startedAt = System.nanoTime();
		return this.primary.sql(PRIMARY_POSITION)
			.map((row) -> row.get(0, Long.class))
			.one()
			.timeout(TIMEOUT)
			.flatMap((lsn) -> {
				Check check = new Check(startedAt, lsn);
				synchronized (this.checks) {
					this.checks.addLast(check);
					if (this.checks.size() > CHECKS_KEPT) {
						this.checks.removeFirst();
					}
				}
				this.primaryLsn = lsn;
				return Flux.fromIterable(this.replicas).flatMap((replica) -> check(replica, check)).then();
			})
			.onErrorResume((ex) -> {
				// Without the primary's position no replica's lag is known: none is used.
				logger.debug("Replica check: the primary's WAL position could not be read", ex);
				this.replicas.forEach(Replica::down);
				return Mono.empty();
			});
	}

	private Mono<Void> check(Replica replica, Check check) {
		return DatabaseClient.create(replica.pool())
			.sql(REPLICA_POSITION)
			.map((row) -> state(row, check))
			.one()
			.timeout(TIMEOUT)
			.onErrorResume((ex) -> {
				logger.debug("Replica " + replica.name() + " is down", ex);
				return Mono.just(Replica.State.DOWN);
			})
			.doOnNext(replica::update)
			.then();
	}

	private Replica.State state(Readable row, Check check) {
		Boolean standby = row.get("standby", Boolean.class);
		Long replayed = row.get("replayed", Long.class);
		Double age = row.get("last_commit_age", Double.class);
		if (!Boolean.TRUE.equals(standby) || replayed == null) {
			return Replica.State.DOWN;
		}
		Duration lag;
		if (replayed >= check.primaryLsn()) {
			lag = Duration.ZERO;
		}
		else {
			lag = (age != null) ? Duration.ofNanos((long) (Math.max(age, 0) * 1e9)) : UNKNOWN_LAG;
		}
		return new Replica.State(true, replayed, lag, freshSince(replayed));
	}

	/** The start of the latest check whose primary position {@code replayed} reaches. */
	private long freshSince(long replayed) {
		synchronized (this.checks) {
			var latestFirst = this.checks.descendingIterator();
			while (latestFirst.hasNext()) {
				Check check = latestFirst.next();
				if (check.primaryLsn() <= replayed) {
					return check.startedAt();
				}
			}
		}
		return Long.MIN_VALUE;
	}

	private double bytesBehind(Replica replica) {
		Replica.State state = replica.state();
		return (state.up() && this.primaryLsn >= 0) ? Math.max(this.primaryLsn - state.replayLsn(), 0) : 0;
	}

}
