package vn.egov.dashboard.replica;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.replicas.*} settings (docs/replicas.md).
 *
 * @param connections the hot standbys anonymous queries may read from; none: everything
 * reads from the primary
 * @param maxLag a replica further behind the primary than this is skipped
 * @param checkInterval how often every replica's position and lag are read
 * @param poolSize most connections to each replica
 * @param cookie the cookie holding the WAL position of a client's latest write
 */
@ConfigurationProperties("egov.replicas")
record ReplicaProperties(@DefaultValue List<Connection> connections, @DefaultValue("5s") Duration maxLag,
		@DefaultValue("250ms") Duration checkInterval, @DefaultValue("4") int poolSize,
		@DefaultValue("egov_lsn") String cookie) {

	ReplicaProperties {
		if (maxLag.isNegative() || maxLag.isZero()) {
			throw new IllegalArgumentException("egov.replicas.max-lag must be positive");
		}
		if (checkInterval.isNegative() || checkInterval.isZero()) {
			throw new IllegalArgumentException("egov.replicas.check-interval must be positive");
		}
		if (poolSize < 1) {
			throw new IllegalArgumentException("egov.replicas.pool-size must be at least 1");
		}
		if (connections.stream().map(Connection::name).distinct().count() != connections.size()) {
			throw new IllegalArgumentException("egov.replicas.connections must have distinct names");
		}
	}

	/**
	 * One replica.
	 *
	 * @param name its name in metrics and logs
	 * @param url its R2DBC URL, {@code r2dbc:postgresql://host:port/database}
	 * @param username its user; blank: {@code spring.r2dbc.username}
	 * @param password its password; blank: {@code spring.r2dbc.password}
	 */
	record Connection(String name, String url, @Nullable String username, @Nullable String password) {

		Connection {
			if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9_.-]+")) {
				throw new IllegalArgumentException("egov.replicas.connections[].name must be letters, digits, _ . -");
			}
			if (url == null || !url.startsWith("r2dbc:postgresql://")) {
				throw new IllegalArgumentException("egov.replicas.connections[].url must be r2dbc:postgresql://…");
			}
		}

	}

}
