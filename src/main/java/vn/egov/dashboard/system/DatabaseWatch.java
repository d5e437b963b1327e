package vn.egov.dashboard.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.r2dbc.ConnectionFactoryDecorator;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;

/**
 * Bounds every database operation in time, so that a request fails within a second when
 * PostgreSQL stops answering, however it stops: refusing connections (stopped), or
 * answering nothing at all (a network partition that drops packets, where a socket
 * neither fails nor answers and the TCP stack notices nothing for minutes).
 * <p>
 * It decorates the driver's connection factory, under the pool
 * ({@link WatchedConnections}): every operation (connect, statement, rows, transaction
 * control, validation, close) is watched. While operations wait and PostgreSQL has sent
 * nothing for {@code egov.database.probe-after}, a probe runs {@code SELECT 1}. A slow
 * query does not end the wait (the probe is answered); a probe not answered within
 * {@code egov.database.probe-timeout} does: the database counts as unreachable, every
 * waiting operation fails with a {@link DatabaseUnreachableException} (answered
 * SERVICE_UNAVAILABLE or 503), and so does every new one, at once, until a probe (every
 * {@code probe-after}) is answered again. A connection whose operation was given up is
 * then closed rather than reused: its state (an open transaction, an answer still on its
 * way) is unknown. Probes use a connection of their own, kept open, so that a loaded
 * database (a new connection costs a process) is not taken for an absent one. The outage
 * is logged twice: when it is noticed and when it ends.
 */
public final class DatabaseWatch implements ConnectionFactoryDecorator, Ordered, DisposableBean {

	private static final Log logger = LogFactory.getLog(DatabaseWatch.class);

	/**
	 * Up or down.
	 *
	 * @param downSince when the outage began, or null while the database answers
	 * @param reason why the last probe failed, or null while the database answers
	 * @param ended emits when this (up) state ends: watched operations then give up
	 */
	private record State(@Nullable Instant downSince, @Nullable String reason, Sinks.One<Boolean> ended) {

		boolean down() {
			return this.downSince != null;
		}

	}

	/** How long opening the probes' connection may take. */
	private static final Duration OPENING = Duration.ofSeconds(5);

	private final Duration probeAfter;

	private final Duration probeTimeout;

	private final Clock clock;

	private final AtomicReference<State> state = new AtomicReference<>(new State(null, null, Sinks.one()));

	private final AtomicInteger waiting = new AtomicInteger();

	private final AtomicLong lastHeard = new AtomicLong(System.nanoTime());

	private final AtomicBoolean probing = new AtomicBoolean();

	/**
	 * Whether the application is ready and the probes' own connection was open: until
	 * then (a start migrating, loading the demo data, opening its first connections on a
	 * machine that may be busy) nothing is probed, and the pool's timeouts bound the
	 * wait.
	 */
	private volatile boolean armed;

	private volatile boolean ready;

	private final AtomicLong refused = new AtomicLong();

	private volatile @Nullable ConnectionFactory probes;

	/**
	 * The connection probes use, kept open between them: opened after PostgreSQL first
	 * answers, and again after a failed probe.
	 */
	private volatile @Nullable Mono<Connection> probeConnection;

	private final Disposable ticker;

	DatabaseWatch(DatabaseWatchProperties properties, Clock clock) {
		this.probeAfter = properties.probeAfter();
		this.probeTimeout = properties.probeTimeout();
		this.clock = clock;
		long tick = Math.max(10, this.probeAfter.toMillis() / 5);
		this.ticker = Schedulers.parallel().schedulePeriodically(this::tick, tick, tick, TimeUnit.MILLISECONDS);
	}

	/**
	 * Innermost: the probes use the driver's own factory, and whatever else decorates it
	 * (r2dbc-proxy in tests) sees watched connections.
	 */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public ConnectionFactory decorate(ConnectionFactory delegate) {
		this.probes = delegate;
		return new WatchedConnections.Factory(delegate, this);
	}

	/** Whether the database counts as unreachable now. */
	public boolean down() {
		return this.state.get().down();
	}

	/** Since when the database does not answer, and why; null while it does. */
	public @Nullable String outage() {
		State current = this.state.get();
		return current.down() ? "since " + current.downSince() + ": " + current.reason() : null;
	}

	/**
	 * The operation, failing with a {@link DatabaseUnreachableException} at once while
	 * the database is unreachable (without starting it), or as soon as it is found to be
	 * (then {@code givenUp} runs: the operation's connection is in a state nobody knows).
	 */
	<T> Flux<T> watch(Publisher<T> operation, Runnable givenUp) {
		return Flux.defer(() -> {
			State current = this.state.get();
			if (current.down()) {
				this.refused.incrementAndGet();
				return Flux.error(unreachable(current));
			}
			// One subscription to the end of this state per operation (not one per row)
			Mono<T> givingUp = current.ended().asMono().then(Mono.defer(() -> {
				givenUp.run();
				return Mono.error(unreachable(this.state.get()));
			}));
			return Flux.from(operation)
				.takeUntilOther(givingUp)
				.doOnEach((signal) -> heard(signal.isOnError()))
				.doOnSubscribe((subscription) -> {
					if (this.waiting.getAndIncrement() == 0) {
						this.lastHeard.set(System.nanoTime());
					}
				})
				.doFinally((signal) -> this.waiting.decrementAndGet());
		});
	}

	private static DatabaseUnreachableException unreachable(State state) {
		return new DatabaseUnreachableException((state.reason() != null) ? state.reason() : "no answer");
	}

	private void heard(boolean failed) {
		this.lastHeard.set(System.nanoTime());
		if (!failed && this.ready && !this.armed && this.probing.compareAndSet(false, true)) {
			probeConnection().doFinally((signal) -> this.probing.set(false))
				.subscribe((open) -> this.armed = true, (ex) -> this.probeConnection = null);
		}
	}

	/**
	 * The probes' connection, opened if need be: opening one is not what a probe times
	 * (it costs PostgreSQL a process, slow on a busy machine), but it is bounded.
	 */
	private Mono<Connection> probeConnection() {
		Mono<Connection> connection = this.probeConnection;
		ConnectionFactory factory = this.probes;
		if (connection == null && factory != null) {
			connection = Mono.from(factory.create()).cast(Connection.class).timeout(OPENING).cache();
			this.probeConnection = connection;
		}
		return (connection != null) ? connection : Mono.empty();
	}

	private void tick() {
		boolean silent = this.armed && this.waiting.get() > 0
				&& System.nanoTime() - this.lastHeard.get() > this.probeAfter.toNanos();
		if ((silent || down()) && this.probing.compareAndSet(false, true)) {
			probe();
		}
	}

	private void probe() {
		Mono<Connection> used = probeConnection();
		used.flatMapMany((open) -> Flux.from(open.createStatement("SELECT 1").execute())
			.flatMap((result) -> result.map((row, metadata) -> 1))
			.timeout(this.probeTimeout)).then().doOnError((ex) -> {
				// Not trusted again: opened anew for the next probe.
				this.probeConnection = null;
				used.flatMap((open) -> Mono.from(open.close()))
					.timeout(Duration.ofSeconds(5))
					.onErrorComplete()
					.subscribe();
			}).doFinally((signal) -> {
				if (down()) {
					// the next probe of an unreachable database waits its turn
					Mono.delay(this.probeAfter).subscribe((tick) -> this.probing.set(false));
				}
				else {
					this.probing.set(false);
				}
			}).subscribe(null, this::unreachable, this::answered);
	}

	private void answered() {
		this.lastHeard.set(System.nanoTime());
		State current = this.state.get();
		if (current.down() && this.state.compareAndSet(current, new State(null, null, Sinks.one()))) {
			Duration outage = Duration.between(current.downSince(), this.clock.instant());
			logger.info("PostgreSQL answers again after " + outage.toMillis() / 1000.0 + " s; "
					+ this.refused.getAndSet(0) + " database operations were refused meanwhile");
		}
	}

	private void unreachable(Throwable failure) {
		State current = this.state.get();
		if (current.down()) {
			return;
		}
		String reason = (failure instanceof TimeoutException)
				? "a probe got no answer within " + this.probeTimeout.toMillis() + " ms"
				: failure.getClass().getSimpleName() + ": " + failure.getMessage();
		if (this.state.compareAndSet(current, new State(this.clock.instant(), reason, Sinks.one()))) {
			logger.warn("PostgreSQL does not answer (" + reason + "): database operations fail at once, answered"
					+ " SERVICE_UNAVAILABLE, until it does; probing every " + this.probeAfter.toMillis() + " ms");
			current.ended().tryEmitValue(true);
		}
	}

	/** Arms the watch once the application has started. */
	@EventListener(ApplicationReadyEvent.class)
	void ready() {
		this.ready = true;
	}

	@Override
	public void destroy() {
		this.ticker.dispose();
	}

}
