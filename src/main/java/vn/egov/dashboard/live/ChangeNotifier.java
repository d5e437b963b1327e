package vn.egov.dashboard.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Sends every local {@link DataChangedEvent} to the other instances as a PostgreSQL NOTIFY on
 * {@code egov.live.channel}.
 * <p>
 * The events are published by the features after their transaction committed, so a NOTIFY is sent right
 * after the commit, from this one place, never in the write's transaction: no feature's code knows about
 * the bus, and no instance hears of data it cannot read yet. A crash between commit and NOTIFY loses that
 * one message; the other instances' caches then stay stale until {@code egov.cache.response-ttl}.
 * <p>
 * Events are gathered for {@code egov.live.notify-window} and sent as one NOTIFY per entity (with the union
 * of their keys), so a burst of thousands of votes a second costs a few NOTIFYs a second.
 */
@Component
class ChangeNotifier implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ChangeNotifier.class);

	/** The changes waiting for the next window; a new one on each start (the context may stop and start again). */
	private volatile Sinks.Many<DataChangedEvent> local = Sinks.many().unicast().onBackpressureBuffer();

	private final DatabaseClient db;

	private final LiveProperties properties;

	private final InstanceId instance;

	private final JsonMapper json;

	private volatile @org.jspecify.annotations.Nullable Disposable sending;

	ChangeNotifier(DatabaseClient db, LiveProperties properties, InstanceId instance, JsonMapper json) {
		this.db = db;
		this.properties = properties;
		this.instance = instance;
		this.json = json;
	}

	@EventListener
	void onChange(DataChangedEvent event) {
		if (!event.remote() && !event.entity().equals(DataChangedEvent.EVERYTHING)) {
			this.local.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
		}
	}

	@Override
	public void start() {
		Sinks.Many<DataChangedEvent> sink = Sinks.many().unicast().onBackpressureBuffer();
		this.local = sink;
		this.sending = sink.asFlux()
			.bufferTimeout(10_000, this.properties.notifyWindow())
			.concatMap((events) -> Flux.fromIterable(merge(this.instance.value(), events)).concatMap(this::send))
			.subscribe();
	}

	@Override
	public void stop() {
		// Changes gathered in the current window are still sent; later ones are dropped until the next start.
		this.local.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	@Override
	public boolean isRunning() {
		return this.sending != null && !this.sending.isDisposed();
	}

	/** One message per entity, in order of first appearance, with the union of keys (empty if any was empty). */
	static List<ChangeMessage> merge(String origin, List<DataChangedEvent> events) {
		Map<String, Set<String>> keys = new LinkedHashMap<>();
		Set<String> anyRow = new LinkedHashSet<>();
		for (DataChangedEvent event : events) {
			keys.computeIfAbsent(event.entity(), (e) -> new LinkedHashSet<>()).addAll(event.keys());
			if (event.keys().isEmpty()) {
				anyRow.add(event.entity());
			}
		}
		List<ChangeMessage> messages = new ArrayList<>();
		keys.forEach((entity, ids) -> messages
			.add(new ChangeMessage(origin, entity, anyRow.contains(entity) ? List.of() : new ArrayList<>(ids))));
		return messages;
	}

	private Mono<Void> send(ChangeMessage message) {
		return this.db.sql("SELECT pg_notify(:channel, :payload)")
			.bind("channel", this.properties.channel())
			.bind("payload", this.json.writeValueAsString(message))
			.then()
			.timeout(Duration.ofSeconds(10))
			.onErrorResume((ex) -> {
				logger.warn("Could not send change notification " + message + ": " + ex.getMessage());
				return Mono.empty();
			});
	}

}
