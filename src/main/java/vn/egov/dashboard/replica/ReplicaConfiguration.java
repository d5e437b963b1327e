package vn.egov.dashboard.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.ValidationDepth;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.boot.r2dbc.metrics.ConnectionPoolMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * With at least one {@code egov.replicas.connections} entry: a pool per replica
 * ({@code r2dbc.pool.*{name="<replica>"}} metrics), the application's
 * {@link DatabaseClient} and transaction manager on a {@link ReplicaRouter} over the
 * primary's pool (Spring Boot's, untouched) and the replicas', the checks of
 * {@link ReplicaMonitor} and the routing of {@link ReadRoutes}. The change listener
 * (LISTEN) keeps its own connection to the primary. Without replicas none of this exists,
 * and everything uses Spring Boot's pool as before.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "egov.replicas", name = "connections[0].url")
@EnableConfigurationProperties(ReplicaProperties.class)
class ReplicaConfiguration {

	@Bean
	Replicas replicas(ConnectionFactory primary, ReplicaProperties properties, R2dbcProperties r2dbc,
			MeterRegistry registry) {
		List<Replica> replicas = new ArrayList<>();
		for (ReplicaProperties.Connection connection : properties.connections()) {
			ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory(connection, r2dbc))
				.name(connection.name())
				.initialSize(0)
				.maxSize(properties.poolSize())
				.maxAcquireTime(ReplicaMonitor.TIMEOUT)
				.maxCreateConnectionTime(ReplicaMonitor.TIMEOUT)
				.maxValidationTime(Duration.ofSeconds(1))
				.validationDepth(ValidationDepth.LOCAL)
				.build());
			new ConnectionPoolMetrics(pool, connection.name(), Tags.empty()).bindTo(registry);
			replicas.add(new Replica(connection.name(), pool));
		}
		return new Replicas(replicas, new ReplicaRouter(primary, replicas, properties.maxLag(), registry));
	}

	@Bean
	DatabaseClient databaseClient(Replicas replicas) {
		return DatabaseClient.create(replicas.router());
	}

	@Bean
	R2dbcTransactionManager transactionManager(Replicas replicas) {
		return new R2dbcTransactionManager(replicas.router());
	}

	@Bean
	ReplicaMonitor replicaMonitor(ConnectionFactory primary, Replicas replicas, MeterRegistry registry) {
		return new ReplicaMonitor(primary, replicas.all(), registry);
	}

	@Bean
	ReadRoutes readRoutes(ConnectionFactory primary, ReplicaProperties properties) {
		return new ReadRoutes(DatabaseClient.create(primary), properties.cookie());
	}

	/** The replica's URL and credentials, with the primary's driver options. */
	private static ConnectionFactory factory(ReplicaProperties.Connection connection, R2dbcProperties r2dbc) {
		ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(connection.url()).mutate();
		String user = blankToNull(connection.username(), r2dbc.getUsername());
		String password = blankToNull(connection.password(), r2dbc.getPassword());
		if (user != null) {
			options.option(ConnectionFactoryOptions.USER, user);
		}
		if (password != null) {
			options.option(ConnectionFactoryOptions.PASSWORD, password);
		}
		for (Map.Entry<String, String> property : r2dbc.getProperties().entrySet()) {
			options.option(Option.valueOf(property.getKey()), property.getValue());
		}
		return ConnectionFactories
			.get(options.option(PostgresqlConnectionFactoryProvider.APPLICATION_NAME, connection.name()).build());
	}

	private static @Nullable String blankToNull(@Nullable String value, @Nullable String fallback) {
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
