package vn.egov.dashboard.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

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
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests extends IntegrationTests {

	/** Small, so that the test can fill it. */
	private static final int CAPACITY = 60;

	private static final Duration FAST = Duration.ofSeconds(2);

	@Test
	void shouldFailFastWhileTheDatabaseIsAwayAndRecoverWithoutARestart(CapturedOutput output) {
		String site = createSite();
		try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, Integer.parseInt(TestDatabase.PORT))) {
			// The production probe timeout (the test configuration raises it).
			ConfigurableApplicationContext server = start(proxy, "--egov.database.probe-timeout=300ms");
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
				int logFrom = output.getAll().length();

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
					.jsonPath("$.errors[0].message")
					.isEqualTo(DatabaseUnavailable.MESSAGE)
					.jsonPath("$.errors[0].extensions.classification")
					.isEqualTo("SERVICE_UNAVAILABLE");
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
				// No stack trace in the log of the outage (gh-18, item 7: 3,049 of them
				// for a
				// 20 s outage).
				assertThat(output.getAll().substring(logFrom)).as("the log of the outage").doesNotContain("\tat ");
			}
			finally {
				server.close();
			}
		}
	}

	/**
	 * A network partition: PostgreSQL's packets are dropped, not refused, so sockets
	 * neither fail nor answer (gh-18, item 6: API-key requests and the health check hung
	 * for the whole partition, GraphQL requests in flight ended after 10 s as
	 * LIMIT_EXCEEDED, new ones took 4 s to fail). Every request, in flight or new, fails
	 * within 1 s as SERVICE_UNAVAILABLE in the one error shape (item 12), the health
	 * check says DOWN within 1 s, the beacon keeps taking hits, and once the partition
	 * heals everything works again without a restart and every hit is counted exactly
	 * once. The outage is logged when it starts and when it ends, without a stack trace
	 * (item 7), and Netty's leak detector, at its most thorough, finds no buffer left
	 * unreleased (item 14).
	 */
	@Test
	void shouldFailFastThroughANetworkPartitionAndRecoverByItself(CapturedOutput output) {
		ResourceLeakDetector.Level leakDetection = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		String site = createSite();
		String apiKey = this.graphQl.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.headers((headers) -> headers.setBearerAuth(TestTokens.token("admin", Role.ADMIN, null)))
			.build()
			.documentName("security/createApiKey")
			.variable("input", Map.of("label", "Partition test", "role", "ANALYST"))
			.execute()
			.path("createApiKey.key")
			.entity(String.class)
			.get();
		try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, Integer.parseInt(TestDatabase.PORT))) {
			// Probes sooner than by default (200 ms + 400 ms), so that the bound holds on
			// a
			// shared machine under load; bench/resilience measures the defaults.
			ConfigurableApplicationContext server = start(proxy, "--egov.database.probe-after=100ms",
					"--egov.database.probe-timeout=300ms");
			try {
				int port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
				WebClient web = WebClient.create("http://localhost:" + port);
				WebTestClient http = WebTestClient.bindToServer()
					.baseUrl("http://localhost:" + port)
					.responseTimeout(Duration.ofSeconds(30))
					.build();
				HttpGraphQlTester graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer()
					.baseUrl("http://localhost:" + port + "/graphql")
					.responseTimeout(Duration.ofSeconds(30))
					.build());
				MeterRegistry meters = server.getBean(MeterRegistry.class);
				expectDaNang(graphQl);
				assertThat(call(web, "/graphql", apiKey, VIEWER).body()).contains("\"name\":\"key:");
				postHits(http, site, 20, HttpStatus.ACCEPTED);
				waitUntil(() -> storedViews(site) == 20 && meters.get("egov.hits.pending").gauge().value() == 0,
						"the first hits written");

				// The bound below is 1 s, plus what an answered request takes on this
				// machine
				// now (a shared machine: under load, every answer is slower, whatever
				// fails).
				Duration usual = Flux.range(0, 3)
					.concatMap((i) -> send(web, "/graphql", null, AGENCY))
					.map(Call::took)
					.reduce((a, b) -> (a.compareTo(b) > 0) ? a : b)
					.block();
				Duration fast = ONE_SECOND.plus(usual);
				// Requests in flight when the packets start to be dropped: each one is
				// answered, or fails as SERVICE_UNAVAILABLE, within 1 s of the drop.
				Flux<Call> inFlight = Flux.range(0, 8)
					.flatMap((i) -> send(web, "/graphql", null, (i % 2 == 0) ? AGENCY : AGENCY_UNCOMPILED), 8)
					.cache();
				inFlight.subscribe();
				proxy.drop();
				long dropped = System.nanoTime();
				int logFrom = output.getAll().length();
				List<Call> calls = inFlight.collectList().block(Duration.ofSeconds(30));
				assertThat(Duration.ofNanos(System.nanoTime() - dropped)).as("requests in flight: %s", calls)
					.isLessThan(fast);
				assertThat(calls).hasSize(8)
					.allSatisfy((call) -> assertThat(call.body()).satisfiesAnyOf(
							(body) -> assertThat(body).contains("\"name\":\"Đà Nẵng\""),
							(body) -> assertThat(body).contains("\"classification\":\"SERVICE_UNAVAILABLE\"")));

				// New requests, each within 1 s: GraphQL (compiled to SQL, and field by
				// field), an API key's, the CSV upload's, and the health check.
				for (String query : List.of(AGENCY, AGENCY_UNCOMPILED)) {
					Call call = call(web, "/graphql", null, query);
					assertThat(call.took()).isLessThan(fast);
					assertThat(call.status()).isEqualTo(200);
					assertThat(call.body()).contains("\"classification\":\"SERVICE_UNAVAILABLE\"")
						.contains(DatabaseUnavailable.MESSAGE)
						.doesNotContain("LIMIT_EXCEEDED", "INTERNAL_ERROR");
				}
				for (Call call : List.of(call(web, "/graphql", apiKey, VIEWER),
						call(web, "/assessments/DTI/2024/scores", apiKey, null))) {
					assertThat(call.took()).isLessThan(fast);
					assertThat(call.status()).isEqualTo(503);
					assertThat(call.retryAfter()).isEqualTo("5");
					assertThat(call.body()).isEqualTo("{\"errors\":[{\"message\":\"" + DatabaseUnavailable.MESSAGE
							+ "\",\"extensions\":{\"classification\":\"SERVICE_UNAVAILABLE\",\"status\":503,"
							+ "\"retryAfterSeconds\":5}}]}");
				}
				Call health = call(web, "/actuator/health", null, null);
				assertThat(health.took()).isLessThan(fast);
				assertThat(health.status()).isEqualTo(503);
				assertThat(health.body()).contains("\"status\":\"DOWN\"");
				// The beacon buffers.
				postHits(http, site, 20, HttpStatus.ACCEPTED);
				assertThat(storedViews(site)).isEqualTo(20);

				proxy.heal();

				waitUntil(() -> health(http) == HttpStatus.OK, "/actuator/health UP again");
				waitUntil(() -> storedViews(site) == 40 && meters.get("egov.hits.pending").gauge().value() == 0,
						"the buffered hits written once");
				expectDaNang(graphQl);
				expectDaNang(graphQl);
				assertThat(call(web, "/graphql", apiKey, VIEWER).body()).contains("\"name\":\"key:");
				assertThat(viewsOfPages(site)).isEqualTo(40);

				String outage = output.getAll().substring(logFrom);
				assertThat(outage).as("the log of the outage").doesNotContain("\tat ");
				assertThat(leaks(outage)).as("Netty's leak reports during the outage").isEmpty();
				assertThat(outage.lines().filter((line) -> line.contains("PostgreSQL does not answer")))
					.as("the outage's start")
					.hasSize(1);
				assertThat(outage.lines().filter((line) -> line.contains("PostgreSQL answers again")))
					.as("the outage's end")
					.hasSize(1);
				assertThat(outage.lines().filter((line) -> line.contains(" ERROR ") || line.contains(" WARN ")))
					.as("warnings and errors while PostgreSQL was away")
					.hasSizeLessThanOrEqualTo(3);
			}
			finally {
				server.close();
			}
			expectNoLeak(output);
		}
		finally {
			ResourceLeakDetector.setLevel(leakDetection);
		}
	}

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	private static final String AGENCY = "{\"query\":\"{ agency(code: \\\"P48\\\") { name } }\"}";

	private static final String AGENCY_UNCOMPILED = "{\"query\":\"{ agency(code: \\\"P48\\\") { name } }\","
			+ "\"extensions\":{\"compiled\":false}}";

	private static final String VIEWER = "{\"query\":\"{ viewer { name } }\"}";

	/** An answer, and how long it took. */
	private record Call(int status, @Nullable String retryAfter, String body, Duration took) {
	}

	/**
	 * POSTs {@code body} (GraphQL JSON, else a line of CSV) to {@code path}, or GETs it
	 * without a body.
	 */
	private static Mono<Call> send(WebClient web, String path, @Nullable String apiKey, @Nullable String body) {
		return Mono.defer(() -> {
			long started = System.nanoTime();
			WebClient.RequestBodySpec request = web
				.method((body != null || apiKey != null) ? HttpMethod.POST : HttpMethod.GET)
				.uri(path);
			if (apiKey != null) {
				request.header("X-API-Key", apiKey);
			}
			WebClient.RequestHeadersSpec<?> ready = request;
			if (body != null) {
				ready = request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
			}
			else if (apiKey != null) {
				ready = request.contentType(MediaType.parseMediaType("text/csv"))
					.bodyValue("block,agency_code,category,score\nPROVINCES,P01,,0.81\n");
			}
			return ready.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> new Call(response.statusCode().value(),
						response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), text,
						Duration.ofNanos(System.nanoTime() - started))));
		});
	}

	private static Call call(WebClient web, String path, @Nullable String apiKey, @Nullable String body) {
		return send(web, path, apiKey, body).block(Duration.ofSeconds(30));
	}

	@Test
	void shouldCountEveryLeakReportButAnUntouchedSocketRead() {
		String untouched = """
				ERROR io.netty.util.ResourceLeakDetector : LEAK: ByteBuf.release() was not called before it's garbage-collected.
				Recent access records:\s
				Created at:
				\tio.netty.buffer.AdaptiveByteBufAllocator.newDirectBuffer(AdaptiveByteBufAllocator.java:67)
				\tio.netty.channel.epoll.AbstractEpollStreamChannel$EpollStreamUnsafe.epollInReady(AbstractEpollStreamChannel.java:789)
				INFO next line of the log
				""";
		String handled = """
				ERROR io.netty.util.ResourceLeakDetector : LEAK: ByteBuf.release() was not called before it's garbage-collected.
				Recent access records:\s
				#1:
				\tio.netty.channel.DefaultChannelPipeline.touch(DefaultChannelPipeline.java:115)
				Created at:
				\tio.netty.buffer.AdaptiveByteBufAllocator.newDirectBuffer(AdaptiveByteBufAllocator.java:67)
				\tio.netty.channel.epoll.AbstractEpollStreamChannel$EpollStreamUnsafe.epollInReady(AbstractEpollStreamChannel.java:789)
				""";
		String allocated = """
				ERROR io.netty.util.ResourceLeakDetector : LEAK: ByteBuf.release() was not called before it's garbage-collected.
				Recent access records:\s
				Created at:
				\tio.netty.buffer.PooledByteBufAllocator.newDirectBuffer(PooledByteBufAllocator.java:410)
				\tio.r2dbc.postgresql.util.ByteBufUtils.encode(ByteBufUtils.java:57)
				INFO epollInReady, later in the log, is not the buffer's stack
				""";
		assertThat(leaks("INFO started\n" + untouched)).isEmpty();
		assertThat(leaks(untouched + handled + allocated)).hasSize(2);
		assertThat(leaks(handled).get(0)).contains("#1:");
		assertThat(leaks(allocated).get(0)).contains("ByteBufUtils.encode");
	}

	/**
	 * Fails if Netty's leak detector reported a buffer that was never released: it
	 * reports a leak when the garbage collector has taken the buffer and the next buffer
	 * is allocated.
	 */
	private static void expectNoLeak(CapturedOutput output) {
		for (int i = 0; i < 5; i++) {
			System.gc();
			for (int j = 0; j < 100; j++) {
				PooledByteBufAllocator.DEFAULT.buffer(64).release();
			}
		}
		assertThat(leaks(output.getAll())).as("Netty's leak reports").isEmpty();
	}

	/**
	 * The leak reports in a log, but for a socket read's buffer that never reached a
	 * channel handler: at this level (PARANOID) every handler a buffer passes records an
	 * access, so one without any record never left Netty's transport, whoever owned the
	 * connection. Seen once in a suite run with two test JVMs, on a database connection's
	 * epoll read, with nothing of this server on its way.
	 */
	static List<String> leaks(String log) {
		List<String> reports = new ArrayList<>();
		String[] parts = log.split("LEAK: ", -1);
		for (int i = 1; i < parts.length; i++) {
			String report = parts[i];
			int created = report.indexOf("Created at:");
			String stack = (created < 0) ? ""
					: report.substring(created)
						.lines()
						.skip(1)
						.takeWhile((line) -> line.startsWith("\t"))
						.collect(Collectors.joining("\n"));
			boolean untouched = created >= 0 && !report.substring(0, created).contains("#1:")
					&& stack.contains("epollInReady");
			if (!untouched) {
				reports.add("LEAK: " + report);
			}
		}
		return reports;
	}

	/**
	 * A server of its own, on this run's database through {@code proxy}. Command-line
	 * arguments: they override application.yml (builder properties would not).
	 */
	private static ConfigurableApplicationContext start(TcpProxy proxy, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--DB_NAME=" + TestDatabase.NAME, "--DB_HOST=127.0.0.1",
				"--DB_PORT=" + proxy.port(), "--server.port=0", "--spring.main.banner-mode=off",
				"--egov.demo-data.enabled=false", "--egov.cache.responses=0", "--egov.traffic.flush-interval=200ms",
				"--egov.traffic.buffer-capacity=" + CAPACITY,
				"--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + TestTokens.PUBLIC_KEY,
				// The production fail-fast values (the suite's config/application.yml
				// relaxes them).
				"--spring.r2dbc.pool.max-acquire-time=1s", "--spring.r2dbc.pool.max-create-connection-time=1s"));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(EgovDashboardApplication.class).run(arguments.toArray(String[]::new));
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
		// Every answer's body is read: one left unread is a buffer this client never
		// releases (gh-18, item 14: the LEAK in this test's log came from here and from
		// health(), not from the server).
		if (expected == HttpStatus.SERVICE_UNAVAILABLE) {
			response.expectHeader().exists(HttpHeaders.RETRY_AFTER).expectBody().jsonPath("$.dropped").isEqualTo(n);
		}
		else {
			response.expectBody().jsonPath("$.accepted").isEqualTo(n);
		}
	}

	private static HttpStatus health(WebTestClient http) {
		// The body is read (see postHits).
		return HttpStatus
			.valueOf(http.get().uri("/actuator/health").exchange().expectBody().returnResult().getStatus().value());
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
		Awaitility.await(what).atMost(Duration.ofSeconds(20)).until(condition::getAsBoolean);
	}

}
