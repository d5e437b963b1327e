package vn.egov.dashboard.replica;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Replica settings that cannot work are refused at start, naming the setting.
 */
class ReplicaPropertiesTests {

	private static final ReplicaProperties.Connection ONE = new ReplicaProperties.Connection("replica-1",
			"r2dbc:postgresql://db-replica-1:5432/egov", null, null);

	@Test
	void shouldAcceptReplicasWithDistinctNamesAndPostgresqlUrls() {
		var properties = new ReplicaProperties(List.of(ONE, new ReplicaProperties.Connection("replica-2",
				"r2dbc:postgresql://db-replica-2:5432/egov", "reader", "secret")), Duration.ofSeconds(5),
				Duration.ofMillis(250), 4, "egov_lsn");
		assertThat(properties.connections()).extracting(ReplicaProperties.Connection::name)
			.containsExactly("replica-1", "replica-2");
	}

	@Test
	void shouldRefuseTwoReplicasOfTheSameName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReplicaProperties(List.of(ONE, ONE), Duration.ofSeconds(5), Duration.ofMillis(250), 4,
					"egov_lsn"))
			.withMessage("egov.replicas.connections must have distinct names");
	}

	@Test
	void shouldRefuseAnUrlOfAnotherDatabaseAndALagBoundOfZero() {
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> new ReplicaProperties.Connection("replica-1", "jdbc:postgresql://db:5432/egov", null, null))
			.withMessageContaining("r2dbc:postgresql://");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReplicaProperties(List.of(ONE), Duration.ZERO, Duration.ofMillis(250), 4, "egov_lsn"))
			.withMessage("egov.replicas.max-lag must be positive");
	}

}
