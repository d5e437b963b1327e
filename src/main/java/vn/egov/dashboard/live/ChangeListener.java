package vn.egov.dashboard.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Each instance's one listener connection: a raw PostgreSQL connection (not from the
 * pool, named {@code egov.live.listener-name} in {@code pg_stat_activity}) that LISTENs
 * on {@code egov.live.channel}. Every other instance's message is published here as a
 * remote {@link DataChangedEvent}, so response caches, gauges and subscriptions follow
 * writes made anywhere. Messages of this instance are skipped (by instance id): their
 * local event was published at the write.
 * <p>
 * When the connection is lost (database restart, {@code pg_terminate_backend}), it
 * reconnects with exponential backoff and LISTENs again; messages sent meanwhile are
 * lost, so once listening again it publishes {@link DataChangedEvent#EVERYTHING}: caches
 * are cleared and subscriptions re-read their data.
 */
@Component
@EnableConfigurationProperties(LiveProperties.class)
class ChangeListener implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ChangeListener.class);

	private final ConnectionFactory connections;

	private final LiveProperties properties;

	private final InstanceId instance;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final AtomicLong sessions = new AtomicLong();

	private final AtomicBoolean listening = new AtomicBoolean();

	private final Counter received;

	private final Counter reconnects;

	private volatile @Nullable Disposable subscription;

	ChangeListener(R2dbcProperties r2dbc, LiveProperties properties, InstanceId instance, JsonMapper json,
			ApplicationEventPublisher events, MeterRegistry meters) {
		this.connections = ConnectionFactories.get(options(r2dbc, properties.listenerName()));
		this.properties = properties;
		this.instance = instance;
		this.json = json;
		this.events = events;
		this.received = Counter.builder("egov.live.notifications")
			.description("Change notifications received from other instances")
			.register(meters);
		this.reconnects = Counter.builder("egov.live.reconnects")
			.description("Times the listener connection was re-established after a loss")
			.register(meters);
		Gauge.builder("egov.live.listening", this.listening, (up) -> up.get() ? 1 : 0)
			.description("1 while the listener connection is up and LISTENing, else 0")
			.register(meters);
	}

	/**
	 * The pool's database, user and password, without the pool, under its own
	 * application_name.
	 */
	static ConnectionFactoryOptions options(R2dbcProperties r2dbc, String applicationName) {
		String url = r2dbc.getUrl();
		if (url == null) {
			throw new IllegalStateException("spring.r2dbc.url is required for the change listener");
		}
		ConnectionFactoryOptions.Builder builder = ConnectionFactoryOptions.parse(url).mutate();
		if (r2dbc.getUsername() != null) {
			builder.option(ConnectionFactoryOptions.USER, r2dbc.getUsername());
		}
		if (r2dbc.getPassword() != null) {
			builder.option(ConnectionFactoryOptions.PASSWORD, r2dbc.getPassword());
		}
		return builder.option(PostgresqlConnectionFactoryProvider.APPLICATION_NAME, applicationName).build();
	}

	/** Whether the listener connection is up and LISTENing (for tests and health). */
	boolean listening() {
		return this.listening.get();
	}

	@Override
	public void start() {
		this.subscription = Flux.defer(this::session)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.properties.reconnectMinBackoff())
				.maxBackoff(this.properties.reconnectMaxBackoff())
				.transientErrors(true)
				.doBeforeRetry(ChangeListener::lost))
			.subscribe(this::onNotification, (ex) -> logger.error("Change listener stopped", ex));
	}

	/**
	 * Logs the loss once at WARN; the attempts that follow are DEBUG (an outage is logged
	 * by the database watch, not once per attempt).
	 */
	private static void lost(Retry.RetrySignal signal) {
		String message = "Change listener lost (" + signal.failure().getMessage() + "); reconnecting, attempt "
				+ (signal.totalRetriesInARow() + 1);
		if (signal.totalRetriesInARow() == 0) {
			logger.warn(message);
		}
		else {
			logger.debug(message);
		}
	}

	/**
	 * One connection's life: LISTEN, then its notifications; ends in an error when the
	 * connection is lost.
	 */
	private Flux<Notification> session() {
		return Flux
			.usingWhen(Mono.from(this.connections.create()).cast(PostgresqlConnection.class),
					(connection) -> connection.createStatement("LISTEN " + this.properties.channel())
						.execute()
						.flatMap(io.r2dbc.postgresql.api.PostgresqlResult::getRowsUpdated)
						.then(Mono.fromRunnable(this::listeningAgain))
						.thenMany(connection.getNotifications())
						.concatWith(Mono.error(() -> new IllegalStateException("listener connection closed"))),
					(connection) -> connection.close().onErrorResume((ex) -> Mono.empty()))
			.doOnError((ex) -> this.listening.set(false));
	}

	private void listeningAgain() {
		this.listening.set(true);
		if (this.sessions.getAndIncrement() > 0) {
			// Whatever was sent while the connection was down is lost: assume everything
			// changed. Counted once the caches are cleared, so that whoever sees the
			// count
			// finds them cleared.
			logger.info("Change listener reconnected; clearing caches");
			this.events.publishEvent(new DataChangedEvent(DataChangedEvent.EVERYTHING, java.util.List.of(), true));
			this.reconnects.increment();
		}
	}

	private void onNotification(Notification notification) {
		String payload = notification.getParameter();
		if (payload == null) {
			return;
		}
		try {
			ChangeMessage message = this.json.readValue(payload, ChangeMessage.class);
			if (message.origin().equals(this.instance.value())) {
				return;
			}
			this.received.increment();
			this.events.publishEvent(new DataChangedEvent(message.entity(), message.keys(), true));
		}
		catch (RuntimeException ex) {
			logger.warn("Ignoring change notification " + payload + ": " + ex.getMessage());
		}
	}

	@Override
	public void stop() {
		Disposable disposable = this.subscription;
		if (disposable != null) {
			disposable.dispose();
		}
		this.listening.set(false);
	}

	@Override
	public boolean isRunning() {
		Disposable disposable = this.subscription;
		return disposable != null && !disposable.isDisposed();
	}

}
