package vn.egov.dashboard.system;

import java.time.Clock;

import io.r2dbc.spi.ConnectionFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link DatabaseWatch} under the connection pool, and the health check that reads
 * it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseWatchProperties.class)
class DatabaseWatchConfiguration {

	@Bean
	DatabaseWatch databaseWatch(DatabaseWatchProperties properties, Clock clock) {
		return new DatabaseWatch(properties, clock);
	}

	/** Named as Boot's, which it replaces. */
	@Bean
	ReactiveHealthIndicator r2dbcHealthContributor(ConnectionFactory connectionFactory, DatabaseWatch watch) {
		return new DatabaseHealth(connectionFactory, watch);
	}

}
