package vn.egov.dashboard.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.EgovDashboardApplication;
import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestDatabase;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped under a running server, then started again. The shared PostgreSQL is
 * never stopped (other test runs use it): a second server reaches this run's database
 * through a {@link TcpProxy}, and stopping the proxy is, for that server, a stopped
 * database (open connections dropped, new ones refused). While it is away GraphQL fields
 * fail at once with SERVICE_UNAVAILABLE, the CSV upload answers 503 with Retry-After,
 * {@code /actuator/health} is DOWN and the beacon keeps taking hits into its bounded
 * buffer; once it is back, everything works again without a restart and every hit
 * answered 202 is in the database exactly once.
 */
class DatabaseOutageTests extends IntegrationTests {

	/** Small, so that the test can fill it. */
	private static final int CAPACITY = 60;

	private static final Duration FAST = Duration.ofSeconds(2);

	@Test
	void shouldFailFastWhileTheDatabaseIsAwayAndRecoverWithoutARestart() {
		String site = createSite();
		try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, Integer.parseInt(TestDatabase.PORT))) {
			// Command-line arguments: they override application.yml (builder properties
			// would not).
			ConfigurableApplicationContext server = new SpringApplicationBuilder(EgovDashboardApplication.class).run(
					"--DB_NAME=" + TestDatabase.NAME, "--DB_HOST=127.0.0.1", "--DB_PORT=" + proxy.port(),
					"--server.port=0", "--spring.main.banner-mode=off", "--egov.demo-data.enabled=false",
					"--egov.cache.responses=0", "--egov.traffic.flush-interval=200ms",
					"--egov.traffic.buffer-capacity=" + CAPACITY,
					"--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + TestTokens.PUBLIC_KEY,
					// The production fail-fast values (the suite's config/application.yml
					// relaxes them).
					"--spring.r2dbc.pool.max-acquire-time=2s", "--spring.r2dbc.pool.max-create-connection-time=2s");
			try {
				int port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
				WebTestClient http = WebTestClient.bindToServer()
					.baseUrl("http://localhost:" + port)
					.responseTimeout(Duration.ofSeconds(30))
					.build();
				HttpGraphQlTester graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
					.baseUrl("http://localhost:" + port + "/graphql")
					.responseTimeout(Duration.ofSeconds(30))
					.build());
				MeterRegistry meters = server.getBean(MeterRegistry.class);

				// Up: answers, and hits reach the database.
				expectDaNang(graphQl);
				postHits(http, site, 20, HttpStatus.ACCEPTED);
				waitUntil(() -> storedViews(site) == 20, "the first hits written");
				// … and their flush settled: a COMMIT that PostgreSQL has done but whose
				// answer the proxy cut off would
				// keep them pending (the writer cannot know it committed) and fill the
				// buffer below earlier.
				waitUntil(() -> meters.get("egov.hits.pending").gauge().value() == 0, "the first hits settled");

				proxy.stop();

				// GraphQL: a typed error at once, no SQL, no stack trace; a query
				// compiled to one statement (i = 0, 1) or
				// answered field by field (i = 2).
				for (int i = 0; i < 3; i++) {
					long started = System.nanoTime();
					var request = graphQl.documentName("agency/agency").variable("code", "P48");
					(i < 2 ? request : request.extension("compiled", false)).execute().errors().satisfy((errors) -> {
						assertThat(errors).isNotEmpty().allSatisfy((error) -> {
							assertThat(error.getErrorType()).hasToString("SERVICE_UNAVAILABLE");
							assertThat(error.getMessage()).isEqualTo(DatabaseUnavailable.MESSAGE);
						});
					});
					assertThat(Duration.ofNanos(System.nanoTime() - started)).as("failing fast").isLessThan(FAST);
				}
				// The health endpoint says DOWN, with 503.
				http.get()
					.uri("/actuator/health")
					.exchange()
					.expectStatus()
					.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
					.expectBody()
					.jsonPath("$.status")
					.isEqualTo("DOWN");
				// The CSV upload: 503 with Retry-After, not a 500.
				long started = System.nanoTime();
				http.post()
					.uri("/assessments/DTI/2024/scores")
					.contentType(MediaType.parseMediaType("text/csv"))
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.token("analyst", Role.ANALYST, null))
					.bodyValue("block,agency_code,category,score\nPROVINCES,P01,,0.81\n")
					.exchange()
					.expectStatus()
					.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
					.expectHeader()
					.valueEquals(HttpHeaders.RETRY_AFTER, "5")
					.expectBody()
					.jsonPath("$.message")
					.isEqualTo(DatabaseUnavailable.MESSAGE);
				assertThat(Duration.ofNanos(System.nanoTime() - started)).as("failing fast").isLessThan(FAST);

				// The beacon buffers: 3 × 20 hits fill the 60 places; the next 20 are
				// refused (503) and counted.
				double dropped = meters.counter("egov.hits.dropped").count();
				for (int i = 0; i < 3; i++) {
					postHits(http, site, 20, HttpStatus.ACCEPTED);
				}
				double failures = meters.counter("egov.hits.flush.failures").count();
				waitUntil(() -> meters.counter("egov.hits.flush.failures").count() >= failures + 2, "flushes failing");
				postHits(http, site, 20, HttpStatus.SERVICE_UNAVAILABLE);
				assertThat(meters.counter("egov.hits.dropped").count()).isEqualTo(dropped + 20);
				assertThat(meters.get("egov.hits.pending").gauge().value()).isEqualTo(CAPACITY);
				assertThat(storedViews(site)).as("nothing written while the database is away").isEqualTo(20);

				proxy.start();

				// Back without a restart: health UP, the buffered hits written once,
				// queries answered.
				waitUntil(() -> health(http) == HttpStatus.OK, "/actuator/health UP again");
				waitUntil(() -> storedViews(site) == 20 + CAPACITY, "the buffered hits written");
				// The rows are visible as soon as PostgreSQL commits; the writer empties
				// its buffer once it has the answer.
				waitUntil(() -> meters.get("egov.hits.pending").gauge().value() == 0, "the buffer emptied");
				expectDaNang(graphQl);
				postHits(http, site, 20, HttpStatus.ACCEPTED);
				waitUntil(() -> storedViews(site) == 40 + CAPACITY, "new hits written");
				assertThat(viewsOfPages(site)).isEqualTo(40 + CAPACITY);
			}
			finally {
				server.close();
			}
		}
	}

	private static void expectDaNang(HttpGraphQlTester graphQl) {
		graphQl.documentName("agency/agency")
			.variable("code", "P48")
			.execute()
			.path("agency.name")
			.entity(String.class)
			.isEqualTo("Đà Nẵng");
	}

	private String createSite() {
		String code = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
		this.db.sql("INSERT INTO site (code, name) VALUES (:code, 'Outage test site')")
			.bind("code", code)
			.then()
			.block();
		return code;
	}

	private static void postHits(WebTestClient http, String site, int n, HttpStatus expected) {
		List<Map<String, Object>> hits = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			hits.add(Map.of("site", site, "path", "/outage-" + (i % 3), "visitorId", "reader-" + i));
		}
		var response = http.post()
			.uri("/api/hits")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(hits)
			.exchange()
			.expectStatus()
			.isEqualTo(expected);
		if (expected == HttpStatus.SERVICE_UNAVAILABLE) {
			response.expectHeader().exists(HttpHeaders.RETRY_AFTER).expectBody().jsonPath("$.dropped").isEqualTo(n);
		}
	}

	private static HttpStatus health(WebTestClient http) {
		return HttpStatus
			.valueOf(http.get().uri("/actuator/health").exchange().returnResult(String.class).getStatus().value());
	}

	private long storedViews(String site) {
		return sum("SELECT coalesce(sum(views), 0) FROM traffic_bucket WHERE granularity = 'DAY' AND site_code = :site",
				site);
	}

	private long viewsOfPages(String site) {
		return sum("SELECT coalesce(sum(views), 0) FROM page WHERE site_code = :site", site);
	}

	private long sum(String sql, String site) {
		Long n = this.db.sql(sql).bind("site", site).map((row) -> ((Number) row.get(0)).longValue()).one().block();
		return (n != null) ? n : 0;
	}

	private static void waitUntil(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("not within 20 s: " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
