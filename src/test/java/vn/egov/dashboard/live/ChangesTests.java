package vn.egov.dashboard.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestDatabase;
import vn.egov.dashboard.system.DataChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write's NOTIFY travels in the write's own transaction: it is delivered on commit,
 * only on commit, and names what changed.
 */
class ChangesTests extends IntegrationTests {

	@Autowired
	private Changes changes;

	@Autowired
	private InstanceId instance;

	@Autowired
	private TransactionalOperator transaction;

	private Connection listener;

	@BeforeEach
	void listen() throws SQLException {
		this.listener = DriverManager.getConnection(TestDatabase.jdbcUrl(), TestDatabase.USER, TestDatabase.PASSWORD);
		try (Statement statement = this.listener.createStatement()) {
			statement.execute("LISTEN egov_changes");
		}
	}

	@AfterEach
	void close() throws SQLException {
		this.listener.close();
	}

	@Test
	void shouldAnnounceAMutationWithWhatItChanged() throws SQLException {
		asAdmin().documentName("progress/recordMeasurement")
			.variable("input",
					Map.of("indicatorCode", "RECORDS_ELECTRONIC", "agencyCode", "P62", "period", "2021-12-31", "value",
							42, "source", "Báo cáo của Sở"))
			.execute()
			.path("recordMeasurement.value")
			.entity(Double.class)
			.isEqualTo(42.0);
		assertThat(received(Duration.ofSeconds(5)))
			.anySatisfy((payload) -> assertThat(payload).isEqualTo("{\"origin\":\"" + this.instance.value()
					+ "\",\"entity\":\"measurement\",\"keys\":[\"RECORDS_ELECTRONIC/P62\"]}"));
	}

	@Test
	void shouldSendNothingWhenTheWriteFails() throws SQLException {
		Mono<Long> failing = this.db.sql("INSERT INTO site (code, name) VALUES ('ROLLED-BACK', 'Không được ghi')")
			.fetch()
			.rowsUpdated()
			.then(Mono.error(new IllegalStateException("a check after the insert failed")));
		StepVerifier.create(this.changes.commit(DataChangedEvent.of("traffic", "ROLLED-BACK"), failing))
			.expectErrorMessage("a check after the insert failed")
			.verify();
		assertThat(received(Duration.ofSeconds(1))).noneMatch((payload) -> payload.contains("ROLLED-BACK"));
		assertThat(count("site", "code = 'ROLLED-BACK'")).isZero();
	}

	@Test
	void shouldDeliverOnlyWhenTheTransactionCommits() throws SQLException {
		// The announced write joins a longer transaction, which commits two seconds after
		// its NOTIFY was sent.
		var running = this.changes.commit(DataChangedEvent.of("poll", "-1"), Mono.just("written"))
			.delayUntil((written) -> Mono.delay(Duration.ofSeconds(2)))
			.as(this.transaction::transactional)
			.toFuture();
		assertThat(received(Duration.ofMillis(1500))).noneMatch((payload) -> payload.contains("\"-1\""));
		assertThat(running.join()).isEqualTo("written");
		assertThat(received(Duration.ofSeconds(5))).anyMatch((payload) -> payload.contains("\"-1\""));
	}

	private List<String> received(Duration wait) throws SQLException {
		PGNotification[] notifications = this.listener.unwrap(PGConnection.class)
			.getNotifications((int) wait.toMillis());
		return (notifications != null) ? Arrays.stream(notifications).map(PGNotification::getParameter).toList()
				: new ArrayList<>();
	}

}
