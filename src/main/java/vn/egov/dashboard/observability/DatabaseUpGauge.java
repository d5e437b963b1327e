package vn.egov.dashboard.observability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code egov_database_up}: 1 while this instance reaches PostgreSQL, 0 while it does
 * not, as the {@code r2dbc} component of {@code /actuator/health} says (Spring Boot's
 * check: a round trip on a pooled connection), asked every
 * {@code egov.metrics.database-check-interval}. The alert {@code EgovDatabaseDown} reads
 * it.
 */
@Component
class DatabaseUpGauge {

	private final ReactiveHealthIndicator database;

	private final AtomicBoolean up = new AtomicBoolean();

	DatabaseUpGauge(@Qualifier("r2dbcHealthContributor") ReactiveHealthContributor database, MeterRegistry registry) {
		if (!(database instanceof ReactiveHealthIndicator indicator)) {
			throw new IllegalStateException("Expected one R2DBC health indicator, found " + database);
		}
		this.database = indicator;
		Gauge.builder("egov.database.up", this.up, (flag) -> flag.get() ? 1 : 0)
			.description("1 while this instance reaches PostgreSQL (its r2dbc health is UP), else 0")
			.register(registry);
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${egov.metrics.database-check-interval:15s}")
	Mono<Void> check() {
		return this.database.health()
			.map((health) -> Status.UP.equals(health.getStatus()))
			.timeout(Duration.ofSeconds(5), Mono.just(false))
			.onErrorReturn(false)
			.doOnNext(this.up::set)
			.then();
	}

}
