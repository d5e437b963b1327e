package vn.egov.dashboard.system;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ValidationDepth;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * The {@code r2dbc} component of {@code /actuator/health}, in place of Spring Boot's:
 * DOWN at once while the {@link DatabaseWatch} finds the database unreachable (with since
 * when, and why), else a round trip on a pooled connection, as Boot's does. A failed
 * check is a DOWN answer, not a logged stack trace: probes ask every few seconds, and an
 * outage is logged once by the watch.
 */
final class DatabaseHealth implements ReactiveHealthIndicator {

	private final ConnectionFactory connections;

	private final DatabaseWatch watch;

	DatabaseHealth(ConnectionFactory connections, DatabaseWatch watch) {
		this.connections = connections;
		this.watch = watch;
	}

	@Override
	public Mono<Health> health() {
		String outage = this.watch.outage();
		if (outage != null) {
			return Mono.just(down("does not answer " + outage));
		}
		return Mono
			.usingWhen(Mono.from(this.connections.create()),
					(connection) -> Mono.from(connection.validate(ValidationDepth.REMOTE)), Connection::close)
			.map((valid) -> valid ? Health.up().withDetail("database", "PostgreSQL").build()
					: down("a pooled connection is not valid"))
			.onErrorResume((ex) -> Mono
				.just(down(DatabaseUnavailable.isCauseOf(ex) ? "unreachable: " + ex.getMessage() : ex.toString())));
	}

	private static Health down(String error) {
		return Health.down().withDetail("database", "PostgreSQL").withDetail("error", error).build();
	}

}
