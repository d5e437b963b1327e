package vn.egov.dashboard.replica;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestDatabase;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server on a primary with a real hot standby ({@link HotStandby}) as its replica,
 * driven over HTTP: which one answers is told by the data (the standby's replay is paused
 * while the primary is changed), and confirmed by {@code egov.replica.routes}. The server
 * stops after this class; the clusters are removed when the test JVM exits (after every
 * server is closed).
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReplicaTests extends IntegrationTests {

	private static final Duration MAX_LAG = Duration.ofSeconds(4);

	private static final HotStandby clusters = HotStandby.start();

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final AtomicInteger aliases = new AtomicInteger();

	@Autowired
	private MeterRegistry meters;

	private WebClient http;

	private String agency;

	@DynamicPropertySource
	static void replica(DynamicPropertyRegistry registry) {
		registry.add("DB_HOST", () -> "127.0.0.1");
		registry.add("DB_PORT", () -> clusters.primaryPort);
		registry.add("DB_PASSWORD", () -> "");
		registry.add("egov.replicas.connections[0].name", () -> "standby");
		registry.add("egov.replicas.connections[0].url",
				() -> "r2dbc:postgresql://127.0.0.1:" + clusters.standbyPort + "/" + TestDatabase.NAME);
		registry.add("egov.replicas.max-lag", () -> MAX_LAG.toMillis() + "ms");
		registry.add("egov.replicas.check-interval", () -> "100ms");
		registry.add("egov.rate-limit.enabled", () -> "false");
		// One agency is all these tests read: no demo data to load on the primary and
		// replay on the standby.
		registry.add("egov.demo-data.enabled", () -> "false");
	}

	@BeforeEach
	void caughtUp() {
		this.http = WebClient.create("http://localhost:" + this.port);
		this.agency = clusters.onPrimary(TestDatabase.NAME,
				"INSERT INTO agency (code, name, name_en, kind) VALUES ('P01', 'Thành phố Hà Nội', 'Ha Noi City', "
						+ "'PROVINCE') ON CONFLICT (code) DO UPDATE SET kind = excluded.kind RETURNING code");
		awaitStandbyCaughtUp();
	}

	@Test
	void anonymousQueriesReadTheStandbyWritersAndListenersThePrimary() {
		String before = nameOnPrimary();
		clusters.onStandby(TestDatabase.NAME, "SELECT pg_wal_replay_pause()::text");
		try {
			rename("Read from the primary only");
			double toStandby = routes("standby", "query");

			double compiled = queries("compiled");
			assertThat(nameEn(null, null)).isEqualTo(before);
			assertThat(queries("compiled")).isEqualTo(compiled + 1);
			assertThat(routes("standby", "query")).isGreaterThan(toStandby);
			double fieldByField = queries("ordinary");
			assertThat(nameEn(null, null, Map.of("compiled", false))).isEqualTo(before);
			assertThat(queries("ordinary")).isEqualTo(fieldByField + 1);
			assertThat(nameEn(TestTokens.token("analyst", Role.ANALYST, null), null))
				.isEqualTo("Read from the primary only");
		}
		finally {
			clusters.onStandby(TestDatabase.NAME, "SELECT pg_wal_replay_resume()::text");
		}
		assertThat(clusters.onPrimary(TestDatabase.NAME,
				"SELECT count(*) FROM pg_stat_activity WHERE application_name = 'egov-listener' AND query ~* '^LISTEN'"))
			.isEqualTo("1");
		assertThat(clusters.onStandby("postgres",
				"SELECT count(*) FROM pg_stat_activity WHERE application_name = 'egov-listener'"))
			.isEqualTo("0");
	}

	@Test
	void aStandbyTooFarBehindIsSkippedUntilItCatchesUp() {
		clusters.onStandby(TestDatabase.NAME, "SELECT pg_wal_replay_pause()::text");
		try {
			rename("Written while the standby is paused");
			double lagging = routes("primary", "lagging");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(nameEn(null, null)).isEqualTo("Written while the standby is paused"));
			assertThat(lag()).isGreaterThan(MAX_LAG.toMillis() / 1e3);
			assertThat(routes("primary", "lagging")).isGreaterThan(lagging);
		}
		finally {
			clusters.onStandby(TestDatabase.NAME, "SELECT pg_wal_replay_resume()::text");
		}
		awaitStandbyCaughtUp();
		double toStandby = routes("standby", "query");
		assertThat(nameEn(null, null)).isEqualTo("Written while the standby is paused");
		assertThat(routes("standby", "query")).isGreaterThan(toStandby);
	}

	@Test
	void aVoterReadsTheirVoteThroughTheWalPositionCookie() {
		long poll = Long.parseLong(clusters.onPrimary(TestDatabase.NAME, """
				WITH s AS (INSERT INTO site (code, name) VALUES ('TEST-REPLICA', 'Replica tests')
				           ON CONFLICT (code) DO UPDATE SET name = excluded.name RETURNING code),
				     p AS (INSERT INTO poll (site_code, question, opens_at)
				           SELECT code, 'Replica test poll', now() - interval '1 day' FROM s RETURNING id)
				SELECT id FROM p"""));
		long option = Long.parseLong(clusters.onPrimary(TestDatabase.NAME,
				"INSERT INTO poll_option (poll_id, position, label) VALUES (" + poll + ", 1, 'Yes') RETURNING id"));
		awaitStandbyCaughtUp();
		long before = Long.parseLong(clusters.onPrimary(TestDatabase.NAME, "SELECT pg_current_wal_lsn() - '0/0'"));
		clusters.onStandby(TestDatabase.NAME, "SELECT pg_wal_replay_pause()::text");
		try {
			var vote = post(
					Map.of("query", "mutation($p: ID!, $o: ID!) { castVote(pollId: $p, optionId: $o) { totalVotes } }",
							"variables", Map.of("p", poll, "o", option)),
					null, null);
			ResponseCookie position = vote.position();
			assertThat(position).isNotNull();
			assertThat(Long.parseLong(position.getValue())).isGreaterThan(before);
			assertThat(position.isHttpOnly()).isTrue();

			double behind = routes("primary", "behind");
			var read = post(
					Map.of("query", "query($p: ID!) { poll(id: $p) { totalVotes } }", "variables", Map.of("p", poll)),
					null, position.getValue());
			assertThat(read.body().toString()).contains("totalVotes=1");
			assertThat(routes("primary", "behind")).isGreaterThan(behind);
			// without the cookie too: the vote's change notification dropped the cached
			// answers
			// reading polls, and the cache has them computed where that change is visible
			var other = post(Map.of("query", "query($p: ID!) { again: poll(id: $p) { totalVotes } }", "variables",
					Map.of("p", poll)), null, null);
			assertThat(other.body().toString()).contains("totalVotes=1");
			assertThat(clusters.onStandby(TestDatabase.NAME, "SELECT votes FROM poll_option WHERE id = " + option))
				.isEqualTo("0");
		}
		finally {
			clusters.onStandby(TestDatabase.NAME, "SELECT pg_wal_replay_resume()::text");
		}
	}

	@Test
	void readsFallBackToThePrimaryWhileTheStandbyIsDown() {
		rename("Read while the standby is down");
		awaitStandbyCaughtUp();
		clusters.stopStandby();
		try {
			double down = routes("primary", "down");
			assertThat(nameEn(null, null)).isEqualTo("Read while the standby is down");
			assertThat(routes("primary", "down")).isGreaterThan(down);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(gauge("egov.replica.up")).isEqualTo(0));
		}
		finally {
			clusters.startStandby();
		}
		awaitStandbyCaughtUp();
	}

	private void awaitStandbyCaughtUp() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(gauge("egov.replica.up")).isEqualTo(1);
			assertThat(lag()).isZero();
		});
	}

	private void rename(String nameEn) {
		clusters.onPrimary(TestDatabase.NAME,
				"UPDATE agency SET name_en = '" + nameEn + "' WHERE code = '" + this.agency + "' RETURNING code");
	}

	private String nameOnPrimary() {
		return clusters.onPrimary(TestDatabase.NAME, "SELECT name_en FROM agency WHERE code = '" + this.agency + "'");
	}

	/**
	 * The agency's English name as answered to a client with this bearer token and WAL
	 * cookie; the alias differs every time, so no answer comes from the response cache.
	 */
	private String nameEn(@Nullable String token, @Nullable String position) {
		return nameEn(token, position, Map.of());
	}

	/**
	 * The same, with these request extensions ({@code compiled: false}: field by field).
	 */
	@SuppressWarnings("unchecked")
	private String nameEn(@Nullable String token, @Nullable String position, Map<String, Object> extensions) {
		String alias = "a" + aliases.incrementAndGet();
		var response = post(Map.of("query", "{ " + alias + ": agency(code: \"" + this.agency + "\") { nameEn } }",
				"extensions", extensions), token, position);
		Map<String, Object> data = (Map<String, Object>) response.body().get("data");
		assertThat(data).as(response.body().toString()).isNotNull();
		return (String) ((Map<String, Object>) data.get(alias)).get("nameEn");
	}

	private Answer post(Map<String, Object> body, @Nullable String token, @Nullable String position) {
		return this.http.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).headers((headers) -> {
			if (token != null) {
				headers.setBearerAuth(token);
			}
		}).cookies((cookies) -> {
			if (position != null) {
				cookies.add("egov_lsn", position);
			}
		})
			.bodyValue(body)
			.exchangeToMono((response) -> response.bodyToMono(MAP)
				.map((map) -> new Answer(map, response.cookies().getFirst("egov_lsn"))))
			.block();
	}

	/** A response's body and its {@code egov_lsn} cookie, if it set one. */
	private record Answer(Map<String, Object> body, @Nullable ResponseCookie position) {
	}

	private double routes(String target, String reason) {
		var counter = this.meters.find("egov.replica.routes").tags("target", target, "reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double queries(String path) {
		return this.meters.get("egov.graphql.queries").tags("path", path).counter().count();
	}

	private double gauge(String name) {
		return this.meters.get(name).tags("replica", "standby").gauge().value();
	}

	private double lag() {
		return gauge("egov.replica.lag");
	}

}
