package vn.egov.dashboard.observability;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.DatabaseUnavailable;

/**
 * Chooses the one instance that exports the gauges derived from the database (votes,
 * visits, targets per status, scores) and keeps {@code progress_standing} current: the
 * holder of a lease in the table {@code metrics_exporter}, renewed every
 * {@code egov.metrics.exporter-renewal} and taken over by another instance once it is
 * {@code egov.metrics.exporter-lease} old. Every other instance exports none of them, so
 * a sum over instances counts each value once, and so does a {@code max}.
 * <p>
 * The lease is taken and renewed by one statement on the pool (no connection is held). An
 * instance stopping gracefully gives it up, and another takes it at its next renewal; one
 * that dies keeps it until it expires, and the values are missing from Prometheus
 * meanwhile. A paused holder whose lease another instance took exports both until its
 * next renewal fails, at most {@code egov.metrics.exporter-renewal}.
 * {@code egov_metrics_exporter} is 1 on the exporter and 0 elsewhere.
 */
@Component
class MetricsExporter implements DisposableBean {

	/** Published when this instance becomes the exporter or stops being it. */
	record Changed(boolean exporting) {
	}

	private static final Log logger = LogFactory.getLog(MetricsExporter.class);

	/**
	 * Takes the lease if it is free, ours or expired; returns a row if this instance
	 * holds it.
	 */
	private static final String TAKE = """
			INSERT INTO metrics_exporter AS e (singleton, instance, expires_at)
			VALUES (true, :instance, now() + make_interval(secs => :seconds))
			ON CONFLICT (singleton) DO UPDATE SET instance = excluded.instance, expires_at = excluded.expires_at
			 WHERE e.instance = excluded.instance OR e.expires_at < now()
			RETURNING instance""";

	private final DatabaseClient db;

	private final ApplicationEventPublisher events;

	private final Duration lease;

	private final String instance = UUID.randomUUID().toString();

	private final AtomicBoolean exporting = new AtomicBoolean();

	MetricsExporter(DatabaseClient db, ApplicationEventPublisher events, MeterRegistry registry,
			@Value("${egov.metrics.exporter-lease:30s}") Duration lease) {
		this.db = db;
		this.events = events;
		this.lease = lease;
		Gauge.builder("egov.metrics.exporter", this.exporting, (flag) -> flag.get() ? 1 : 0)
			.description("1 on the one instance that exports the database-derived gauges, 0 on the others")
			.register(registry);
	}

	/** Whether this instance exports the database-derived gauges now. */
	boolean exporting() {
		return this.exporting.get();
	}

	/**
	 * Takes or renews the lease; a failure (database away) counts as not holding it.
	 */
	@Scheduled(initialDelay = 0, fixedDelayString = "${egov.metrics.exporter-renewal:10s}")
	Mono<Void> renew() {
		return this.db.sql(TAKE)
			.bind("instance", this.instance)
			.bind("seconds", (double) this.lease.toMillis() / 1000)
			.map((row) -> true)
			.one()
			.defaultIfEmpty(false)
			.onErrorResume((ex) -> {
				if (DatabaseUnavailable.isCauseOf(ex)) {
					logger.debug("Could not renew the metrics exporter lease: " + ex.getMessage());
				}
				else {
					logger.warn("Could not renew the metrics exporter lease: " + ex.getMessage());
				}
				return Mono.just(false);
			})
			.doOnNext(this::set)
			.then();
	}

	private void set(boolean exporting) {
		if (this.exporting.getAndSet(exporting) != exporting) {
			logger.info(exporting ? "This instance now exports the database-derived metrics"
					: "This instance no longer exports the database-derived metrics");
			this.events.publishEvent(new Changed(exporting));
		}
	}

	/**
	 * Gives the lease up on a graceful stop, so that another instance takes it at once.
	 */
	@Override
	public void destroy() {
		if (this.exporting.get()) {
			this.db.sql("DELETE FROM metrics_exporter WHERE instance = :instance")
				.bind("instance", this.instance)
				.fetch()
				.rowsUpdated()
				.onErrorResume((ex) -> Mono.empty())
				.block(Duration.ofSeconds(2));
			this.exporting.set(false);
		}
	}

}
