package vn.egov.dashboard.live;

import java.time.Duration;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import vn.egov.dashboard.system.DataChangedEvent;

/**
 * How every write that changes public data commits: in one transaction with a PostgreSQL
 * NOTIFY on {@code egov.live.channel} naming what changed (ids, not rows). PostgreSQL
 * delivers the notification to the other instances only if, and when, the transaction
 * commits, so no instance hears of data it cannot read yet and no committed write goes
 * unannounced. After the commit the same {@link DataChangedEvent} is published in this
 * instance (its listener skips its own notifications), so local caches, gauges and
 * subscriptions follow at once.
 * <p>
 * Notifications are not coalesced here (thousands of votes a second are thousands of
 * small NOTIFYs, which PostgreSQL handles); subscribers see at most a few events a second
 * per topic ({@link LiveEvents}).
 */
@Component
public class Changes {

	private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final ApplicationEventPublisher events;

	private final LiveProperties properties;

	private final InstanceId instance;

	private final JsonMapper json;

	Changes(DatabaseClient db, TransactionalOperator transaction, ApplicationEventPublisher events,
			LiveProperties properties, InstanceId instance, JsonMapper json) {
		this.db = db;
		this.transaction = transaction;
		this.events = events;
		this.properties = properties;
		this.instance = instance;
		this.json = json;
	}

	/**
	 * Runs {@code write} in a transaction that also announces {@code change}; an empty
	 * write announces nothing.
	 */
	public <T> Mono<T> commit(DataChangedEvent change, Mono<T> write) {
		return commit(write, (result) -> change);
	}

	/**
	 * Runs {@code write} in a transaction that also announces the change its result
	 * describes ({@code null}: none); an empty write announces nothing, a failed one
	 * rolls back with its notification.
	 */
	public <T> Mono<T> commit(Mono<T> write, Function<? super T, @Nullable DataChangedEvent> change) {
		return write.flatMap((result) -> {
			DataChangedEvent event = change.apply(result);
			return (event != null) ? announce(event).thenReturn(new Committed<T>(result, event))
					: Mono.just(new Committed<T>(result, null));
		}).as(this.transaction::transactional).doOnNext((committed) -> {
			if (committed.event() != null) {
				this.events.publishEvent(committed.event());
			}
		}).map(Committed::result);
	}

	private Mono<Void> announce(DataChangedEvent event) {
		ChangeMessage message = new ChangeMessage(this.instance.value(), event.entity(), event.keys());
		return this.db.sql("SELECT pg_notify(:channel, :payload)")
			.bind("channel", this.properties.channel())
			.bind("payload", this.json.writeValueAsString(message))
			.then()
			.timeout(NOTIFY_TIMEOUT);
	}

	private record Committed<T>(T result, @Nullable DataChangedEvent event) {
	}

}
