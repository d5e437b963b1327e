package vn.egov.dashboard.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.r2dbc.connection.lookup.AbstractRoutingConnectionFactory;

import vn.egov.dashboard.system.ReadFloor;

/**
 * Gives each connection request the primary or a replica. A replica is chosen (in turn
 * among those that qualify) only for an anonymous query ({@link ReplicaRead} in the
 * Reactor context), and only one that is up, at most {@code egov.replicas.max-lag}
 * behind, has replayed the client's latest write (its WAL position), and holds every
 * change the response cache has heard of ({@link ReadFloor}). Everything else, and every
 * query no replica qualifies for, uses the primary. A replica that refuses a connection
 * is marked down until its next check, and the primary answers instead.
 * <p>
 * Counted in {@code egov.replica.routes{target, reason}}: target {@code primary} or the
 * replica's name; reason {@code query} (a replica answers), {@code primary-only} (not an
 * anonymous query), or why no replica qualified: {@code down}, {@code lagging},
 * {@code behind} (it lacks the client's write or a change already announced).
 */
final class ReplicaRouter extends AbstractRoutingConnectionFactory {

	private final ConnectionFactory primary;

	private final List<Replica> replicas;

	private final Map<ConnectionFactory, Replica> byPool = new LinkedHashMap<>();

	private final Duration maxLag;

	private final AtomicInteger turn = new AtomicInteger();

	private final MeterRegistry registry;

	ReplicaRouter(ConnectionFactory primary, List<Replica> replicas, Duration maxLag, MeterRegistry registry) {
		this.primary = primary;
		this.replicas = List.copyOf(replicas);
		this.maxLag = maxLag;
		this.registry = registry;
		Map<String, ConnectionFactory> targets = new LinkedHashMap<>();
		for (Replica replica : replicas) {
			targets.put(replica.name(), replica.pool());
			this.byPool.put(replica.pool(), replica);
		}
		setTargetConnectionFactories(targets);
		setDefaultTargetConnectionFactory(primary);
		setLenientFallback(false);
		afterPropertiesSet();
	}

	@Override
	public Mono<Connection> create() {
		return determineTargetConnectionFactory().flatMap((target) -> {
			Replica replica = this.byPool.get(target);
			if (replica == null) {
				return Mono.<Connection>from(target.create());
			}
			return Mono.<Connection>from(target.create()).onErrorResume((ex) -> {
				replica.down();
				count("primary", "down");
				return Mono.from(this.primary.create());
			});
		});
	}

	@Override
	protected Mono<Object> determineCurrentLookupKey() {
		return Mono.deferContextual((context) -> {
			Object read = context.getOrDefault(ReplicaRead.KEY, null);
			if (!(read instanceof ReplicaRead replicaRead)) {
				count("primary", "primary-only");
				return Mono.empty();
			}
			Replica chosen = choose(replicaRead, floor(context));
			return (chosen != null) ? Mono.just(chosen.name()) : Mono.empty();
		});
	}

	private @Nullable Replica choose(ReplicaRead read, long floor) {
		List<Replica> qualified = new ArrayList<>(this.replicas.size());
		String reason = "down";
		for (Replica replica : this.replicas) {
			Replica.State state = replica.state();
			if (!state.up()) {
				continue;
			}
			if (state.lag().compareTo(this.maxLag) > 0) {
				reason = reason.equals("down") ? "lagging" : reason;
				continue;
			}
			if (state.replayLsn() < read.minLsn() || state.freshSince() < floor) {
				reason = "behind";
				continue;
			}
			qualified.add(replica);
		}
		if (qualified.isEmpty()) {
			count("primary", reason);
			return null;
		}
		Replica chosen = qualified.get(Math.floorMod(this.turn.getAndIncrement(), qualified.size()));
		count(chosen.name(), "query");
		return chosen;
	}

	private static long floor(ContextView context) {
		Object floor = context.getOrDefault(ReadFloor.KEY, null);
		return (floor instanceof ReadFloor readFloor) ? readFloor.changedAt() : Long.MIN_VALUE;
	}

	private void count(String target, String reason) {
		Counter.builder("egov.replica.routes")
			.description("Connections given to the primary or a replica, and why")
			.tag("target", target)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

}
