package vn.egov.dashboard.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.EgovDashboardApplication;
import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful stop finishes the requests in flight: a query held up by a table lock is
 * still answered, with its data, by a server that was told to stop while it waited.
 */
class GracefulShutdownTests extends IntegrationTests {

	@Test
	void shouldAnswerARequestInFlightWhenTheServerStops() throws Exception {
		ConfigurableApplicationContext server = new SpringApplicationBuilder(EgovDashboardApplication.class).run(
				"--DB_NAME=" + TestDatabase.NAME, "--server.port=0", "--spring.main.banner-mode=off",
				"--egov.demo-data.enabled=false", "--egov.cache.responses=0");
		int port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		CompletableFuture<Void> stopped;
		CompletableFuture<String> answer;
		try (Connection lock = DriverManager.getConnection(TestDatabase.jdbcUrl(), TestDatabase.USER,
				TestDatabase.PASSWORD)) {
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement()) {
				statement.execute("LOCK TABLE agency IN ACCESS EXCLUSIVE MODE");
			}
			answer = WebClient.create("http://localhost:" + port)
				.post()
				.uri("/graphql")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("query", "{ agency(code: \"P48\") { name } }"))
				.retrieve()
				.bodyToMono(String.class)
				.timeout(Duration.ofSeconds(30))
				.toFuture();
			waitUntilWaiting(lock);
			stopped = CompletableFuture.runAsync(server::close);
			CompletableFuture<String> waiting = answer;
			CompletableFuture<Void> stopping = stopped;
			Awaitility.await("the request waits for the lock, and the stop for the request")
				.during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(2))
				.until(() -> !waiting.isDone() && !stopping.isDone());
			lock.rollback();
		}
		assertThat(answer.get(30, TimeUnit.SECONDS)).contains("\"name\":\"Đà Nẵng\"").doesNotContain("errors");
		stopped.get(30, TimeUnit.SECONDS);
		assertThat(server.isActive()).isFalse();
	}

	/** Until a session of this database waits for the lock held by {@code lock}. */
	private static void waitUntilWaiting(Connection lock) {
		Awaitility.await("the query waits for the lock")
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> {
				try (Statement statement = lock.createStatement(); var rows = statement.executeQuery("""
						SELECT count(*) FROM pg_stat_activity
						 WHERE datname = current_database() AND wait_event_type = 'Lock'""")) {
					rows.next();
					return rows.getLong(1) > 0;
				}
			});
	}

}
