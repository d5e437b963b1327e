package vn.egov.dashboard.live;

import java.time.Duration;
import java.util.function.Predicate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Every change this instance hears of (its own writes and, through
 * {@link ChangeListener}, every other instance's), as coalesced streams for GraphQL
 * subscriptions.
 */
@Component
public class LiveEvents {

	private final Sinks.Many<DataChangedEvent> changes = Sinks.many().multicast().directBestEffort();

	private final Duration window;

	LiveEvents(LiveProperties properties) {
		this.window = properties.eventWindow();
	}

	@EventListener
	void onChange(DataChangedEvent event) {
		this.changes.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
	}

	/**
	 * Changes of one row ({@code key}) of an entity, at most one per
	 * {@code egov.live.event-window}.
	 */
	public Flux<DataChangedEvent> of(String entity, String key) {
		return of(entity, key, this.window);
	}

	/**
	 * Changes of one row of an entity, at most one per {@code window}: a burst yields its
	 * latest change.
	 */
	public Flux<DataChangedEvent> of(String entity, String key, Duration window) {
		return of(entity, key::equals, window);
	}

	/**
	 * Changes of the rows of an entity whose keys match, at most one per
	 * {@code egov.live.event-window}.
	 */
	public Flux<DataChangedEvent> of(String entity, Predicate<String> key) {
		return of(entity, key, this.window);
	}

	private Flux<DataChangedEvent> of(String entity, Predicate<String> key, Duration window) {
		return this.changes.asFlux()
			.filter((event) -> event.affects(entity, key))
			.onBackpressureLatest()
			.sample(window);
	}

	/**
	 * Changes of any row of an entity, at most one per {@code egov.live.event-window}.
	 */
	public Flux<DataChangedEvent> of(String entity) {
		return this.changes.asFlux()
			.filter((event) -> event.affects(entity))
			.onBackpressureLatest()
			.sample(this.window);
	}

}
