package vn.egov.dashboard.observability;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import vn.egov.dashboard.EgovDashboardApplication;
import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.RestrictedServer;
import vn.egov.dashboard.TestDatabase;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * The dashboards against real programs, by their values: a real Prometheus (Debian's
 * {@code prometheus}, or {@code PROMETHEUS_BIN}) scrapes two instances of the server on
 * one database with the project's own {@code prometheus/prometheus.yml} (every second),
 * and every SQL panel runs as Grafana's database role, created by the project's own
 * {@code grafana/postgres-init} script. Known traffic is induced (answers from the cache,
 * rate-limited requests, votes, page views, a measurement) and each panel's query must
 * show exactly that.
 * <p>
 * Prometheus counters are read over a window whose both ends are scrapes of the instance:
 * {@code increase} and {@code rate} then extrapolate nothing, and a panel's value times
 * the window is exactly the number of events.
 */
@RestrictedServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardChecksTests extends IntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");

	/** A metric in a PromQL selector: a name followed by its matchers. */
	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

	private final HttpClient http = HttpClient.newHttpClient();

	private final AtomicInteger clients = new AtomicInteger();

	private final String reader = TestDatabase.NAME + "_grafana";

	private Map<String, JsonNode> dashboards;

	private ConfigurableApplicationContext second;

	private int secondPort;

	private Process prometheus;

	private String prometheusUrl;

	private Connection grafana;

	@BeforeAll
	void startTheStack() throws Exception {
		this.dashboards = Dashboards.load();
		this.second = new SpringApplicationBuilder(EgovDashboardApplication.class)
			.properties("SERVER_PORT=0", "DB_NAME=" + TestDatabase.NAME, "egov.demo-data.enabled=false",
					"spring.main.banner-mode=off")
			.run();
		this.secondPort = ((WebServerApplicationContext) this.second).getWebServer().getPort();
		createGrafanaRole();
		this.grafana = DriverManager.getConnection(TestDatabase.jdbcUrl(), this.reader, "grafana-test-password");
		startPrometheus();
		Awaitility.await("Prometheus scrapes both instances")
			.atMost(WAIT)
			.ignoreExceptions()
			.until(() -> prom("sum(up{job=\"egov-dashboard\"})").path(0).path("value").path(1).asText().equals("2"));
		// One of the two must export the database-derived gauges. Other test servers of
		// this JVM share the
		// database and race for the lease when it is free: hand it to the second
		// instance, which keeps it by
		// renewing, so that every other renewal fails from now on.
		this.db.sql("DELETE FROM metrics_exporter").then().block();
		this.second.getBean(MetricsExporter.class).renew().block();
		Awaitility.await("the second instance exports the database-derived gauges, alone")
			.atMost(WAIT)
			.ignoreExceptions()
			.until(() -> value("sum(egov_metrics_exporter)") == 1);
	}

	@AfterAll
	void stopTheStack() throws Exception {
		if (this.prometheus != null) {
			this.prometheus.destroy();
		}
		if (this.second != null) {
			this.second.close();
		}
		if (this.grafana != null) {
			this.grafana.close();
		}
		try (Connection admin = DriverManager.getConnection(TestDatabase.jdbcUrl(), TestDatabase.USER,
				TestDatabase.PASSWORD); Statement statement = admin.createStatement()) {
			statement.execute("DROP OWNED BY \"" + this.reader + "\"");
			statement.execute("DROP ROLE \"" + this.reader + "\"");
		}
	}

	// ---- the Grafana role

	@Test
	void shouldLetGrafanasRoleReadTheViewsAndNothingElse() throws SQLException {
		for (String table : List.of("api_key", "audit_entry", "poll_vote", "traffic_visitor", "measurement", "agency",
				"progress_standing", "metrics_exporter")) {
			assertThat(sqlError("SELECT count(*) FROM public." + table)).as("reading " + table)
				.contains("permission denied");
		}
		assertThat(sqlError("CREATE TABLE grafana.x (a int)")).contains("read-only transaction");
		assertThat(sqlError("CREATE TEMP TABLE x AS SELECT 1")).contains("read-only transaction");
		// The role's default, in a session of its own: PostgreSQL cancels what runs
		// longer.
		assertThat(rows("SHOW statement_timeout").get(0).get("statement_timeout")).isEqualTo("10s");
		// Every view a panel or a variable reads.
		Set<String> views = new TreeSet<>();
		Matcher used = Pattern.compile("grafana\\.(\\w+)").matcher(allQueries());
		while (used.find()) {
			views.add(used.group(1));
		}
		assertThat(views).contains("assessment_rank", "map_feature", "poll_option", "target_progress");
		for (String view : views) {
			assertThat(rows("SELECT * FROM grafana." + view + " LIMIT 1")).as("grafana." + view).isNotEmpty();
		}
	}

	// ---- Prometheus: metrics named, traffic counted exactly

	@Test
	void shouldFindEveryMetricAPanelNamesInTheScrape() throws Exception {
		String scrape = get(this.port, "/actuator/prometheus").body()
				+ get(this.secondPort, "/actuator/prometheus").body();
		Set<String> exported = scrape.lines()
			.filter((line) -> !line.startsWith("#") && !line.isBlank())
			.map((line) -> line.replaceAll("[{ ].*", ""))
			.collect(Collectors.toSet());
		List<String> missing = new ArrayList<>();
		for (var dashboard : this.dashboards.entrySet()) {
			for (String expr : promQueries(dashboard.getValue())) {
				assertThat(expr).as("no `or vector(…)` hides a missing series").doesNotContain("vector(");
				Matcher selector = SELECTOR.matcher(expr);
				while (selector.find()) {
					if (!exported.contains(selector.group(1))) {
						missing.add(dashboard.getKey() + ": " + selector.group(1));
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	@Test
	void shouldCompressScrapesAndKeepSeriesBounded() throws Exception {
		HttpResponse<byte[]> gzip = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
				.header("Accept-Encoding", "gzip")
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
		String scrape = new String(
				new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip.body())).readAllBytes(),
				StandardCharsets.UTF_8);
		assertThat(gzip.body().length).isLessThan(scrape.length() / 5);
		// No histogram for data fetchers or GraphQL requests; no series per agency and
		// target; names never copied into labels.
		assertThat(scrape).doesNotContain("graphql_datafetcher_seconds_bucket", "graphql_request_seconds_bucket",
				"egov_target_progress_", "agency_name=", "site_name=", "egov_target_deadline{");
		assertThat(scrape.lines()
			.filter((l) -> l.startsWith("http_server_requests_seconds_bucket{"))
			.map((l) -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
			.distinct()).hasSize(12);
	}

	@Test
	void shouldShowTheInducedTrafficExactlyOnTheApiDashboard() throws Exception {
		JsonNode api = this.dashboards.get("api");
		String instance = "127.0.0.1:" + this.port;
		Dashboards.Values values = new Dashboards.Values(
				Map.of("job", List.of("egov-dashboard"), "instance", List.of(instance)));
		// Prometheus cannot see the first increase of a series it has not scraped before
		// (it starts at its first value): every answer below is sent once before the
		// window opens, so that its series exists at both ends.
		induceTraffic(1, 1, 1, 1, "warm-up");
		double before = scrapeAfter(instance, Instant.now());
		int n = 7;
		int m = 4;
		int q = 2;
		int h = 3;
		induceTraffic(n, m, q, h, "window");
		double after = scrapeAfter(instance, Instant.now());
		String window = Math.round((after - before) * 1000) + "ms";
		double seconds = Math.round((after - before) * 1000) / 1000.0;
		int ok = 1 + n + 5 + q + 1;

		Map<String, Double> byStatus = series(api, 1, 0, values, window, after, "status");
		assertThat(byStatus.get("200") * seconds).as("HTTP 200 answers").isCloseTo(ok, within(1e-6));
		assertThat(byStatus.get("202") * seconds).as("beacon answers").isCloseTo(1, within(1e-6));
		assertThat(byStatus.get("429") * seconds).as("HTTP 429 answers").isCloseTo(m, within(1e-6));
		byStatus.forEach((status, rate) -> assertThat(Set.of("200", "202", "429").contains(status) || rate == 0)
			.as("no other answers than those sent: " + status)
			.isTrue());

		int all = ok + 1 + m;
		assertThat(single(api, 3, 0, values, window, after)).as("5xx ratio").isEqualTo(0);
		assertThat(single(api, 3, 1, values, window, after)).as("4xx ratio").isCloseTo((double) m / all, within(1e-9));

		assertThat(series(api, 4, 0, values, window, after, "classification").get("LIMIT_EXCEEDED") * seconds)
			.isCloseTo(q, within(1e-6));
		Map<String, Double> refused = series(api, 5, 0, values, window, after, "budget");
		assertThat(refused.get("graphql")).as("429 graphql").isCloseTo(m, within(1e-6));
		assertThat(refused.get("beacon")).as("429 beacon").isEqualTo(0);
		assertThat(single(api, 5, 1, values, window, after)).as("LIMIT_EXCEEDED").isCloseTo(q, within(1e-6));

		// The cache filter answered n + 5 of the POSTs; the shortcut cache found exactly
		// those, out of every lookup it had.
		// Out of the POSTs answered (the 429s carry uri="UNKNOWN": the limiter answers
		// before
		// routing).
		assertThat(single(api, 7, 0, values, window, after)).as("answers from the cache")
			.isCloseTo((double) (n + 5) / ok, within(1e-9));
		Map<String, Double> hits = counterDelta(
				"cache_gets_total{instance=\"" + instance + "\", cache=\"graphql.response-shortcuts\"}", before, after,
				"result");
		assertThat(hits.get("hit")).isEqualTo(n + 5);
		assertThat(series(api, 6, 0, values, window, after, "cache").get("graphql.response-shortcuts"))
			.isCloseTo(hits.get("hit") / (hits.get("hit") + hits.get("miss")), within(1e-9));
		assertThat(series(api, 6, 0, values, window, after, "cache")).as("rate-limiter caches are left out")
			.allSatisfy((cache, ratio) -> assertThat(cache).startsWith("graphql."));

		assertThat(single(api, 11, 0, values, window, after) * seconds).as("hits accepted").isCloseTo(h, within(1e-6));
		assertThat(single(api, 11, 2, values, window, after)).as("hits dropped").isEqualTo(0);
		assertThat(single(api, 12, 4, values, window, after)).as("database up").isEqualTo(1);
		assertThat(single(api, 9, 0, values, window, after)).as("listening").isEqualTo(1);
		Dashboards.Values both = values.with("instance", ".+");
		assertThat(single(api, 14, 0, both, window, after)).as("one exporter of two instances").isEqualTo(1);
		// Every query of the API dashboard answers with data over this window.
		for (JsonNode panel : Dashboards.panels(api)) {
			for (JsonNode target : panel.get("targets")) {
				assertThat(prom(Dashboards.promql(target.get("expr").asText(), values, window), after))
					.as(panel.get("title").asText() + " " + target.get("refId").asText())
					.isNotEmpty();
			}
		}
	}

	/**
	 * Sends, from clients of their own: N anonymous answers from the cache (the first
	 * request runs GraphQL, the next N are answered by the cache filter); one client's 5
	 * allowed requests (more cached answers) and M more refused with 429; Q operations
	 * over the depth limit; H page views in one beacon request; one query that runs field
	 * by field (documents are not compiled), so data fetchers run.
	 */
	private void induceTraffic(int n, int m, int q, int h, String tag) throws Exception {
		String cached = "{\"query\":\"{ agencies(first: 2, filter: {search: \\\"" + UUID.randomUUID()
				+ "\\\"}) { totalCount } }\"}";
		assertThat(post(this.port, client(), cached).headers().firstValue("X-Cache")).hasValue("MISS");
		for (int i = 0; i < n; i++) {
			assertThat(post(this.port, client(), cached).headers().firstValue("X-Cache")).hasValue("HIT");
		}
		String limited = client();
		for (int i = 0; i < 5 + m; i++) {
			assertThat(post(this.port, limited, cached).statusCode()).isEqualTo((i < 5) ? 200 : 429);
		}
		for (int i = 0; i < q; i++) {
			// A different alias each time: an error answer is cached like any other.
			assertThat(post(this.port, client(), "{\"query\":\"{ a" + i
					+ ": agency(code: \\\"P01\\\") { successor { successor "
					+ "{ successor { successor { successor { successor { successor { successor { successor { successor "
					+ "{ code } } } } } } } } } } } }\"}")
				.body()).contains("LIMIT_EXCEEDED");
		}
		assertThat(postJson(this.port, client(), "/api/hits",
				"[" + String.join(",",
						java.util.Collections.nCopies(h, "{\"site\":\"CDSQG\",\"path\":\"/dashboard-checks/" + tag
								+ "\",\"visitorId\":\"v" + UUID.randomUUID() + "\"}"))
						+ "]")
			.statusCode()).isEqualTo(202);
		assertThat(post(this.port, client(),
				"{\"query\":\"{ " + tag.replace("-", "") + ": document(number: \\\"2055/BTTTT-THH\\\") { title } }\"}")
			.body()).contains("title");
	}

	@Test
	void shouldGiveTheSameTotalsWithTwoInstancesAsWithOne() throws Exception {
		String a = prom("egov_metrics_exporter == 1").get(0).get("metric").get("instance").asText();
		// Visits and online, per site: GraphQL's figures, the sum over both instances and
		// the exporting instance alone agree.
		JsonNode sites = graphQl("{ a: siteStats(siteCode: \"CDSQG\") { totalVisits } "
				+ "b: siteStats(siteCode: \"HANOI\") { totalVisits } }");
		Awaitility.await("the visits gauge follows the database")
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(value("sum(egov_site_visits{site=\"HANOI\"})"))
				.isEqualTo(sites.get("b").get("totalVisits").asDouble()));
		Awaitility.await("the visits gauge follows the database")
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(value("sum(egov_site_visits{site=\"CDSQG\"})"))
				.isEqualTo(graphQl("{ siteStats(siteCode: \"CDSQG\") { totalVisits } }").get("siteStats")
					.get("totalVisits")
					.asDouble()));
		assertThat(value("sum(egov_site_visits{instance=\"" + a + "\"})")).isEqualTo(value("sum(egov_site_visits)"));
		assertThat(value("sum(egov_metrics_exporter)")).isEqualTo(1);
		assertThat(value("count(egov_metrics_exporter)")).isEqualTo(2);
		// Votes per poll option, and targets per status: the database's figures.
		Map<String, Double> votes = new TreeMap<>();
		for (Map<String, Object> row : rows(
				"SELECT poll_id, sum(votes) AS votes FROM grafana.poll_option GROUP BY 1")) {
			votes.put(String.valueOf(row.get("poll_id")), ((Number) row.get("votes")).doubleValue());
		}
		Awaitility.await("the vote gauges follow the database")
			.atMost(WAIT)
			.untilAsserted(
					() -> assertThat(promByLabel("sum by (poll) (egov_poll_option_votes)", "poll")).isEqualTo(votes));
		Awaitility.await("the target gauges follow progress_standing").atMost(WAIT).untilAsserted(() -> {
			Map<String, Double> achieved = promByLabel("sum by (target) (egov_target_agencies{status=\"ACHIEVED\"})",
					"target");
			Map<String, Double> stored = new TreeMap<>();
			rows("SELECT target_code, achieved FROM grafana.target")
				.forEach((r) -> stored.put((String) r.get("target_code"), ((Number) r.get("achieved")).doubleValue()));
			assertThat(achieved).isEqualTo(stored);
		});
		assertThat(value("count(egov_target_agencies)"))
			.isEqualTo(value("count(egov_target_agencies{instance=\"" + a + "\"})"));
	}

	// ---- SQL panels: values, time ranges

	@Test
	void shouldCountAgenciesPerStatusAsGraphQlsSummary() throws Exception {
		LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
		// A measurement, written by an editor: the exporter recomputes progress at once.
		String token = TestTokens.token("dashboard-checks", Role.AGENCY_EDITOR, "P04");
		HttpResponse<String> written = post(this.port, client(), "{\"query\":\"mutation { recordMeasurement(input: "
				+ "{indicatorCode: \\\"E_DOC_EXCHANGE\\\", agencyCode: \\\"P04\\\", period: \\\"2024-12-31\\\", "
				+ "value: 97.5, source: \\\"Sở KH&CN Cao Bằng (dashboard checks)\\\"}) { id } }\"}", "Authorization",
				"Bearer " + token);
		assertThat(written.body()).doesNotContain("errors");
		JsonNode progress = this.dashboards.get("progress");
		Awaitility.await("progress_standing holds the new value")
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(rows("SELECT latest_value FROM grafana.target_progress "
					+ "WHERE target_code = 'QD1819-02' AND agency_code = 'P04'"))
				.containsExactly(Map.of("latest_value", new BigDecimal("97.5"))));
		JsonNode targets = graphQl("{ targets { code summary(asOf: \"" + today
				+ "\") { agencies achieved onTrack atRisk offTrack } progress(asOf: \"" + today
				+ "\") { agency { code } latestValue status } } }")
			.get("targets");
		assertThat(targets).hasSize(49);
		Map<String, Map<String, Object>> byCode = new HashMap<>();
		for (Map<String, Object> row : rows("SELECT * FROM grafana.target")) {
			byCode.put((String) row.get("target_code"), row);
		}
		for (JsonNode target : targets) {
			String code = target.get("code").asText();
			Map<String, Object> row = byCode.get(code);
			JsonNode summary = target.get("summary");
			assertThat(List.of(row.get("agencies"), row.get("achieved"), row.get("on_track"), row.get("at_risk"),
					row.get("off_track")))
				.as(code)
				.map((v) -> ((Number) v).intValue())
				.containsExactly(summary.get("agencies").asInt(), summary.get("achieved").asInt(),
						summary.get("onTrack").asInt(), summary.get("atRisk").asInt(), summary.get("offTrack").asInt());
			Map<String, String> statuses = new TreeMap<>();
			target.get("progress")
				.forEach((p) -> statuses.put(p.get("agency").get("code").asText(), p.get("status").asText()));
			Map<String, String> stored = new TreeMap<>();
			rows("SELECT agency_code, status FROM grafana.target_progress WHERE target_code = '" + code + "'")
				.forEach((r) -> stored.put((String) r.get("agency_code"), (String) r.get("status")));
			assertThat(stored).as(code).isEqualTo(statuses);
		}
		// The table of every target, as the dashboard opens (every block and agency): the
		// same figures, and "no data yet" where GraphQL counts no agency.
		Map<String, Map<String, Object>> panel = new HashMap<>();
		for (Map<String, Object> row : sqlPanel(progress, "Mọi mục tiêu", defaults(progress))) {
			panel.put((String) row.get("Mã / code"), row);
		}
		assertThat(panel).hasSize(49);
		for (JsonNode target : targets) {
			Map<String, Object> row = panel.get(target.get("code").asText());
			JsonNode summary = target.get("summary");
			assertThat(row.get("Cơ quan / agencies")).as(target.get("code").asText())
				.isEqualTo((summary.get("agencies").asInt() == 0) ? "chưa có số liệu / no data yet"
						: summary.get("agencies").asText());
			assertThat(((Number) row.get("Đạt / achieved")).intValue()).isEqualTo(summary.get("achieved").asInt());
			assertThat(((Number) row.get("Chậm / off track")).intValue()).isEqualTo(summary.get("offTrack").asInt());
		}
		// The panels of the chosen target: its agencies per status, and its row per
		// agency.
		Dashboards.Values values = defaults(progress).with("target", "QD1819-02")
			.with("block", "PROVINCES")
			.with("agency", "P04");
		String p04 = null;
		for (JsonNode target : targets) {
			for (JsonNode progress2 : target.get("progress")) {
				if (target.get("code").asText().equals("QD1819-02")
						&& progress2.get("agency").get("code").asText().equals("P04")) {
					p04 = progress2.get("status").asText();
				}
			}
		}
		assertThat(p04).isNotNull();
		List<Map<String, Object>> detail = sqlPanel(progress, "Tiến độ từng cơ quan", values);
		assertThat(detail).hasSize(1);
		assertThat(detail.get(0)).containsEntry("Trạng thái / status", p04)
			.containsEntry("Giá trị / value", new BigDecimal("97.5"));
	}

	@Test
	void shouldShowVotesPageViewsAndPollsOnThePortalDashboard() throws Exception {
		JsonNode portal = this.dashboards.get("portal");
		// A demo portal (the beacon knows it) whose generated traffic ends in 2025:
		// today's
		// views are the test's.
		String site = "DANANG";
		String path = "/kiem-thu/" + UUID.randomUUID();
		long poll = this.db.sql(
				"INSERT INTO poll (site_code, question, opens_at) VALUES (:site, :q, now() - interval '1 day') RETURNING id")
			.bind("site", site)
			.bind("q", "Bạn thấy bảng điều khiển thế nào? " + UUID.randomUUID())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		List<Long> options = this.db
			.sql("INSERT INTO poll_option (poll_id, position, label) "
					+ "SELECT :poll, p, 'Phương án ' || p FROM generate_series(1, 3) p RETURNING id")
			.bind("poll", poll)
			.map((row) -> row.get(0, Long.class))
			.all()
			.sort()
			.collectList()
			.block();
		// K votes: 3, 1 and 0 for the three options.
		int[] cast = { 3, 1, 0 };
		for (int option = 0; option < cast.length; option++) {
			for (int i = 0; i < cast[option]; i++) {
				HttpResponse<String> vote = post(this.port, client(),
						"{\"query\":\"mutation { castVote(pollId: \\\"" + poll + "\\\", optionId: \\\""
								+ options.get(option) + "\\\") { id } }\"}",
						"Cookie", "egov_vid=dash-" + UUID.randomUUID());
				assertThat(vote.body()).doesNotContain("errors");
			}
		}
		// H page views of one page, in one beacon request: the restricted server's beacon
		// budget pays for 3 hits a client.
		int h = 3;
		assertThat(
				postJson(this.port, client(), "/api/hits", "["
						+ String.join(",",
								java.util.Collections.nCopies(h,
										"{\"site\":\"" + site + "\",\"path\":\"" + path + "\",\"title\":\"Báo cáo\"}"))
						+ "]")
					.statusCode())
			.isEqualTo(202);
		Dashboards.Values values = defaults(portal).with("site", site).with("poll", String.valueOf(poll));
		Instant from = Instant.now().minus(2, ChronoUnit.DAYS);
		Instant to = Instant.now().plus(1, ChronoUnit.DAYS);
		assertThat(sqlPanel(portal, "Kết quả thăm dò", values, from, to)).extracting((r) -> r.get("votes"))
			.map((v) -> ((Number) v).intValue())
			.containsExactly(3, 1, 0);
		assertThat(sqlPanel(portal, "Phiếu bầu theo ngày", values, from, to).stream()
			.mapToInt((r) -> ((Number) r.get("value")).intValue())
			.sum()).isEqualTo(4);
		Awaitility.await("the page views are written")
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(sqlPanel(portal, "Lượt xem và khách theo ngày", values, from, to))
				.filteredOn((r) -> r.get("metric").toString().contains("lượt xem"))
				.extracting((r) -> ((Number) r.get("value")).intValue())
				.containsExactly(h));
		List<Map<String, Object>> pages = sqlPanel(portal, "Trang được xem nhiều nhất", values, from, to);
		assertThat(pages).hasSize(1);
		assertThat(pages.get(0)).containsEntry("Đường dẫn / path", path);
		assertThat(((Number) pages.get(0).get("Lượt xem trong khoảng / views in range")).intValue()).isEqualTo(h);
		// The portal's Prometheus panels show the exporter's gauges for the site.
		Awaitility.await("the portal gauges include the new site")
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(
					prom(Dashboards.promql(Dashboards.query(Dashboards.panel(portal, 1).get("targets").get(0)),
							values.with("job", "egov-dashboard"), "1m")))
				.hasSize(1));
	}

	@Test
	void shouldRankAsGraphQlOnTheRankingsDashboard() throws Exception {
		JsonNode rankings = this.dashboards.get("rankings");
		Dashboards.Values values = defaults(rankings).with("framework", "DTI")
			.with("year", "2022")
			.with("block", "PROVINCES");
		JsonNode ranking = graphQl("{ ranking(framework: DTI, year: 2022, block: PROVINCES, first: 100) { edges { node "
				+ "{ rank rankChange score agency { code } } } } }")
			.get("ranking")
			.get("edges");
		List<Map<String, Object>> table = sqlPanel(rankings, "Bảng xếp hạng", values);
		assertThat(table).hasSize(63).hasSize(ranking.size());
		for (int i = 0; i < table.size(); i++) {
			JsonNode node = ranking.get(i).get("node");
			Map<String, Object> row = table.get(i);
			assertThat(row.get("agency_code")).isEqualTo(node.get("agency").get("code").asText());
			assertThat(((Number) row.get("Hạng / rank")).intValue()).isEqualTo(node.get("rank").asInt());
			assertThat(((BigDecimal) row.get("Điểm / score")).doubleValue()).isEqualTo(node.get("score").asDouble());
			Object change = row.get("± hạng / change");
			assertThat((change != null) ? ((Number) change).intValue() : null).as(node.toString())
				.isEqualTo(node.get("rankChange").isNull() ? null : node.get("rankChange").asInt());
		}
		// The 63-province map paints every feature, Huế with Thừa Thiên Huế's score; the
		// 34-province map none (the round ranked the old provinces).
		List<Map<String, Object>> map63 = sqlPanel(rankings, "Bản đồ 63 tỉnh", values);
		assertThat(map63).extracting((r) -> r.get("agency_code"))
			.hasSize(63)
			.doesNotHaveDuplicates()
			.contains("P46-2025");
		assertThat(sqlPanel(rankings, "Bản đồ 34 tỉnh", values)).isEmpty();
		Dashboards.Values merged = values.with("year", "2024").with("block", "PROVINCES_POST_MERGER");
		assertThat(sqlPanel(rankings, "Bản đồ 34 tỉnh", merged)).hasSize(34);
		assertThat(sqlPanel(rankings, "Bản đồ 63 tỉnh", merged)).isEmpty();
		// Leaders of one block: Việt Nam (block NATIONAL) is not among the provinces.
		List<Map<String, Object>> leaders = sqlPanel(rankings, "Dẫn đầu", values);
		assertThat(leaders).hasSize(10);
		assertThat(leaders.get(0).get("agency").toString()).startsWith("1. Đà Nẵng");
		assertThat(leaders).noneMatch((r) -> r.get("agency").toString().contains("Việt Nam"));
		// Rank history: Thừa Thiên Huế and Huế are two lines, one block only.
		List<Map<String, Object>> history = sqlPanel(rankings, "Lịch sử thứ hạng",
				values.with("agency", "P46", "P46-2025"), Instant.parse("2015-01-01T00:00:00Z"), Instant.now());
		assertThat(history).extracting((r) -> r.get("metric")).containsOnly("Thừa Thiên Huế (P46)");
		assertThat(history).hasSize(5);
		assertThat(sqlPanel(rankings, "Lịch sử thứ hạng",
				values.with("block", "PROVINCES_POST_MERGER").with("agency", "P46", "P46-2025"),
				Instant.parse("2015-01-01T00:00:00Z"), Instant.now()))
			.extracting((r) -> r.get("metric"))
			.containsOnly("Huế (P46-2025)");
	}

	@Test
	void shouldFilterEverySqlTimeSeriesByTheTimeRange() throws Exception {
		Instant from = Instant.parse("1990-01-01T00:00:00Z");
		Instant to = Instant.parse("1990-12-31T00:00:00Z");
		List<String> checked = new ArrayList<>();
		for (var dashboard : this.dashboards.entrySet()) {
			Dashboards.Values values = defaults(dashboard.getValue());
			for (JsonNode panel : Dashboards.panels(dashboard.getValue())) {
				if (!Dashboards.isSql(dashboard.getValue(), panel)) {
					continue;
				}
				for (JsonNode target : panel.get("targets")) {
					String sql = target.get("rawSql").asText();
					String name = dashboard.getKey() + " / " + panel.get("title").asText();
					if (panel.get("type").asText().equals("timeseries")
							|| target.path("format").asText().equals("time_series")) {
						assertThat(sql).as(name + " filters on $__timeFilter").contains("$__timeFilter(");
					}
					if (sql.contains("$__timeFilter(")) {
						assertThat(rows(Dashboards.sql(sql, values, from, to))).as(name + " in 1990").isEmpty();
						List<Map<String, Object>> rows = rows(
								Dashboards.sql(sql, values, defaultFrom(dashboard.getValue()), Instant.now()));
						assertThat(rows).as(name + " over the dashboard's time range").isNotEmpty();
						checked.add(name);
					}
				}
			}
		}
		assertThat(checked).hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void shouldResolveEveryVariableAndRunEverySqlPanel() throws Exception {
		List<String> failures = new ArrayList<>();
		for (var dashboard : this.dashboards.entrySet()) {
			Dashboards.Values values = defaults(dashboard.getValue());
			values.values().forEach((name, chosen) -> {
				if (chosen.isEmpty()) {
					failures.add(dashboard.getKey() + ": $" + name + " has no value");
				}
			});
			for (JsonNode panel : Dashboards.panels(dashboard.getValue())) {
				if (Dashboards.isSql(dashboard.getValue(), panel)) {
					try {
						sqlPanel(dashboard.getValue(), panel.get("title").asText(), values);
					}
					catch (AssertionError ex) {
						failures.add(dashboard.getKey() + " / " + panel.get("title").asText() + ": " + ex.getMessage());
					}
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	// ---- the maps

	@Test
	void shouldJoinEveryMapFeatureToItsProvince() throws Exception {
		for (String map : List.of("63", "34")) {
			Set<String> provinces = new TreeSet<>();
			rows("SELECT agency_code FROM grafana.map_feature WHERE map = 'P" + map + "'")
				.forEach((r) -> provinces.add((String) r.get("agency_code")));
			assertThat(provinces).hasSize(Integer.parseInt(map));
			Map<String, String> names = new HashMap<>();
			rows("SELECT agency_code, name FROM grafana.agency")
				.forEach((r) -> names.put((String) r.get("agency_code"), (String) r.get("name")));
			for (String file : List.of("provinces-" + map + ".geojson", "provinces-" + map + "-points.geojson")) {
				JsonNode features = Dashboards.JSON
					.readTree(Dashboards.ROOT.resolve("grafana/geo/dist").resolve(file).toFile())
					.get("features");
				List<String> codes = new ArrayList<>();
				for (JsonNode feature : features) {
					String code = feature.get("properties").get("agency_code").asText();
					codes.add(code);
					String source = feature.get("properties").get("ten_tinh").asText();
					assertThat(nameKey(source)).as(file + ": " + source + " is " + code)
						.isEqualTo(nameKey(names.get(code)));
				}
				assertThat(codes).as(file).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(provinces);
			}
		}
	}

	/** A province's name without diacritics, case or prefix ("TP HCM" is Hồ Chí Minh). */
	private static String nameKey(String name) {
		String key = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.replace('đ', 'd')
			.replace('Đ', 'D')
			.toLowerCase(java.util.Locale.ROOT)
			.trim()
			.replaceFirst("^(tp\\.?|thanh pho|tinh)\\s+", "");
		return key.equals("hcm") ? "ho chi minh" : key;
	}

	// ---- alert rules and compose

	@Test
	void shouldCheckAndUnitTestTheAlertRulesWithPromtool() throws Exception {
		String promtool = Path.of(prometheusBinary()).resolveSibling("promtool").toString();
		for (List<String> command : List.of(List.of(promtool, "check", "config", "prometheus.yml"),
				List.of(promtool, "test", "rules", "alerts.test.yml"))) {
			Process process = new ProcessBuilder(command).directory(Dashboards.ROOT.resolve("prometheus").toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
		}
		// Prometheus loaded the same rules while it scraped the test servers.
		JsonNode rules = promGet("/api/v1/rules").get("data").get("groups").get(0).get("rules");
		assertThat(rules.valueStream().map((r) -> r.get("name").asText())).contains("EgovHighErrorRatio",
				"EgovSlowRequests", "EgovDatabaseDown", "EgovHitBufferBacklog", "EgovChangeListenerDown");
		assertThat(rules.valueStream().filter((r) -> !r.get("health").asText().equals("ok"))).isEmpty();
	}

	// ---- helpers: the stack

	private void createGrafanaRole() throws Exception {
		ProcessBuilder script = new ProcessBuilder("bash",
				Dashboards.ROOT.resolve("grafana/postgres-init/10-grafana-reader.sh").toString())
			.redirectErrorStream(true);
		Map<String, String> env = script.environment();
		env.put("POSTGRES_USER", TestDatabase.USER);
		env.put("POSTGRES_DB", TestDatabase.NAME);
		env.put("GRAFANA_DB_USER", this.reader);
		env.put("GRAFANA_DB_PASSWORD", "grafana-test-password");
		env.put("PGHOST", TestDatabase.HOST);
		env.put("PGPORT", TestDatabase.PORT);
		env.put("PGPASSWORD", TestDatabase.PASSWORD);
		Process process = script.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as("grafana/postgres-init: " + output).isZero();
	}

	private void startPrometheus() throws IOException {
		int port = freePort();
		this.prometheusUrl = "http://127.0.0.1:" + port;
		Path work = Files.createTempDirectory("prometheus-check");
		Map<String, Object> config = new Yaml()
			.load(Files.readString(Dashboards.ROOT.resolve("prometheus/prometheus.yml")));
		Map<String, Object> global = cast(config.get("global"));
		global.put("scrape_interval", "1s");
		global.put("evaluation_interval", "1s");
		config.put("rule_files", List.of(Dashboards.ROOT.resolve("prometheus/alerts.yml").toString()));
		List<Map<String, Object>> scrapes = cast(config.get("scrape_configs"));
		List<Map<String, Object>> statics = cast(scrapes.get(0).get("static_configs"));
		statics.get(0).put("targets", List.of("127.0.0.1:" + this.port, "127.0.0.1:" + this.secondPort));
		Path file = work.resolve("prometheus.yml");
		Files.writeString(file, new Yaml().dump(config));
		this.prometheus = new ProcessBuilder(prometheusBinary(), "--config.file=" + file,
				"--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("prometheus.log").toFile())
			.start();
	}

	private static String prometheusBinary() {
		String configured = System.getenv("PROMETHEUS_BIN");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		for (String dir : System.getenv("PATH").split(":")) {
			if (Files.isExecutable(Path.of(dir, "prometheus"))) {
				return Path.of(dir, "prometheus").toString();
			}
		}
		return fail("The dashboard checks run a real Prometheus: install it (apt-get install -y prometheus) "
				+ "or set PROMETHEUS_BIN");
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	// ---- helpers: HTTP as clients do

	/** A new client address (X-Forwarded-For, believed from loopback here). */
	private String client() {
		return "198.51.100." + (this.clients.incrementAndGet() % 250) + "."
				+ UUID.randomUUID().toString().substring(0, 4);
	}

	private HttpResponse<String> post(int port, String client, String body, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("X-Forwarded-For", clientAddress(client))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> postJson(int port, String client, String path, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", clientAddress(client))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** An IPv4 address per client name (the rate limiter keys on the address). */
	private static String clientAddress(String client) {
		int hash = Math.floorMod(client.hashCode(), 1 << 24);
		return "10." + (hash >> 16) + "." + ((hash >> 8) & 255) + "." + (hash & 255);
	}

	/** The data of an anonymous GraphQL query, from a client of its own. */
	private JsonNode graphQl(String query) throws Exception {
		String body = Dashboards.JSON.writeValueAsString(Map.of("query", query));
		JsonNode response = Dashboards.JSON.readTree(post(this.port, client(), body).body());
		assertThat(response.has("errors")).as(response.toString()).isFalse();
		return response.get("data");
	}

	// ---- helpers: Prometheus

	private JsonNode prom(String expr) throws Exception {
		return promGet("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).get("data")
			.get("result");
	}

	private JsonNode prom(String expr, double time) throws Exception {
		return promGet("/api/v1/query?time=" + time + "&query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))
			.get("data")
			.get("result");
	}

	private double value(String expr) throws Exception {
		JsonNode result = prom(expr);
		assertThat(result).as(expr).hasSize(1);
		return result.get(0).get("value").get(1).asDouble();
	}

	private Map<String, Double> promByLabel(String expr, String label) throws Exception {
		Map<String, Double> values = new TreeMap<>();
		prom(expr).forEach((s) -> values.put(s.get("metric").get(label).asText(), s.get("value").get(1).asDouble()));
		return values;
	}

	private JsonNode promGet(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.prometheusUrl + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode body = Dashboards.JSON.readTree(response.body());
		if (!"success".equals(body.path("status").asText())) {
			throw new IllegalStateException(body.path("error").asText(response.body()));
		}
		return body;
	}

	/** When Prometheus last scraped the instance (seconds, to the millisecond). */
	private double lastScrape(String instance) throws Exception {
		JsonNode samples = prom("up{instance=\"" + instance + "\"}[10s]").get(0).get("values");
		return samples.get(samples.size() - 1).get(0).asDouble();
	}

	/**
	 * A scrape of the instance that began after {@code after} (and after every request).
	 */
	private double scrapeAfter(String instance, Instant after) throws Exception {
		double[] found = new double[1];
		Awaitility.await("a scrape after the requests").atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
			found[0] = lastScrape(instance);
			return found[0] * 1000 > after.toEpochMilli() + 200;
		});
		return found[0];
	}

	/** How much a counter grew from one scrape to another, per value of a label. */
	private Map<String, Double> counterDelta(String selector, double from, double to, String label) throws Exception {
		Map<String, Double> delta = new TreeMap<>();
		prom(selector, to)
			.forEach((s) -> delta.put(s.get("metric").get(label).asText(), s.get("value").get(1).asDouble()));
		prom(selector, from).forEach((s) -> delta.merge(s.get("metric").get(label).asText(),
				-s.get("value").get(1).asDouble(), Double::sum));
		return delta;
	}

	private Map<String, Double> series(JsonNode dashboard, int panel, int target, Dashboards.Values values,
			String window, double time, String label) throws Exception {
		String expr = Dashboards
			.promql(Dashboards.panel(dashboard, panel).get("targets").get(target).get("expr").asText(), values, window);
		Map<String, Double> result = new TreeMap<>();
		prom(expr, time)
			.forEach((s) -> result.put(s.get("metric").get(label).asText(), s.get("value").get(1).asDouble()));
		return result;
	}

	private double single(JsonNode dashboard, int panel, int target, Dashboards.Values values, String window,
			double time) throws Exception {
		String expr = Dashboards
			.promql(Dashboards.panel(dashboard, panel).get("targets").get(target).get("expr").asText(), values, window);
		JsonNode result = prom(expr, time);
		assertThat(result).as(expr).hasSize(1);
		return result.get(0).get("value").get(1).asDouble();
	}

	private List<String> promQueries(JsonNode dashboard) {
		List<String> queries = new ArrayList<>();
		for (JsonNode panel : Dashboards.panels(dashboard)) {
			if (!Dashboards.isSql(dashboard, panel)) {
				panel.get("targets").forEach((t) -> queries.add(t.get("expr").asText()));
			}
		}
		for (JsonNode variable : Dashboards.variables(dashboard)) {
			Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
			if (m.matches()) {
				queries.add(m.group(1).contains("{") ? m.group(1) : m.group(1) + "{}");
			}
		}
		return queries;
	}

	// ---- helpers: SQL as Grafana's role

	private List<Map<String, Object>> rows(String sql) throws SQLException {
		try (Statement statement = this.grafana.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			ResultSetMetaData meta = result.getMetaData();
			List<Map<String, Object>> rows = new ArrayList<>();
			while (result.next()) {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					row.put(meta.getColumnLabel(i), result.getObject(i));
				}
				rows.add(row);
			}
			return rows;
		}
	}

	private String sqlError(String sql) {
		try (Statement statement = this.grafana.createStatement()) {
			statement.execute(sql);
			return "no error";
		}
		catch (SQLException ex) {
			return ex.getMessage();
		}
	}

	private List<Map<String, Object>> sqlPanel(JsonNode dashboard, String title, Dashboards.Values values)
			throws SQLException {
		return sqlPanel(dashboard, title, values, defaultFrom(dashboard), Instant.now());
	}

	private List<Map<String, Object>> sqlPanel(JsonNode dashboard, String title, Dashboards.Values values, Instant from,
			Instant to) throws SQLException {
		JsonNode panel = Dashboards.panels(dashboard)
			.stream()
			.filter((p) -> p.get("title").asText().startsWith(title))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no panel " + title));
		return rows(Dashboards.sql(panel.get("targets").get(0).get("rawSql").asText(), values, from, to));
	}

	/** The start of the dashboard's time range ({@code now-6h}, {@code now-2y}, …). */
	private static Instant defaultFrom(JsonNode dashboard) {
		Matcher m = Pattern.compile("now-(\\d+)([hdy])").matcher(dashboard.get("time").get("from").asText());
		assertThat(m.matches()).isTrue();
		long n = Long.parseLong(m.group(1));
		return switch (m.group(2)) {
			case "h" -> Instant.now().minus(n, ChronoUnit.HOURS);
			case "d" -> Instant.now().minus(n, ChronoUnit.DAYS);
			default -> OffsetDateTime.now().minusYears(n).toInstant();
		};
	}

	/**
	 * The variables as a dashboard opens: each resolved in order, seeing those before it;
	 * "All" where it is the default, else the first value.
	 */
	private Dashboards.Values defaults(JsonNode dashboard) throws Exception {
		Dashboards.Values values = new Dashboards.Values(new LinkedHashMap<>());
		for (JsonNode variable : Dashboards.variables(dashboard)) {
			String name = variable.get("name").asText();
			List<String> options = new ArrayList<>();
			switch (variable.get("type").asText()) {
				case "datasource" -> options.add(variable.get("query").asText());
				case "custom" -> variable.get("options").forEach((o) -> options.add(o.get("value").asText()));
				case "query" -> {
					if (Dashboards.isSql(dashboard, variable)) {
						for (Map<String, Object> row : rows(
								Dashboards.sql(variable.get("query").asText(), values, Instant.EPOCH, Instant.now()))) {
							options.add(String.valueOf(
									row.containsKey("__value") ? row.get("__value") : row.values().iterator().next()));
						}
					}
					else {
						Matcher m = LABEL_VALUES.matcher(variable.get("definition").asText());
						assertThat(m.matches()).as(name + " is label_values(selector, label)").isTrue();
						String selector = Dashboards.promql(m.group(1), values, "1m");
						for (JsonNode series : promGet(
								"/api/v1/series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8))
							.get("data")) {
							options.add(series.get(m.group(2)).asText());
						}
					}
				}
				default -> fail("Unknown variable type " + variable.get("type"));
			}
			List<String> distinct = options.stream().distinct().toList();
			assertThat(distinct).as("$" + name + " of " + dashboard.get("uid").asText() + " has values").isNotEmpty();
			boolean all = variable.path("current").path("value").toString().contains("$__all");
			values = values.with(name, (all ? distinct : List.of(distinct.get(0))).toArray(String[]::new));
		}
		return values;
	}

	private String allQueries() {
		StringBuilder all = new StringBuilder();
		for (JsonNode dashboard : this.dashboards.values()) {
			Dashboards.panels(dashboard)
				.forEach((p) -> p.get("targets").forEach((t) -> all.append(Dashboards.query(t)).append('\n')));
			Dashboards.variables(dashboard).forEach((v) -> all.append(v.path("definition").asText()).append('\n'));
		}
		return all.toString();
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

}
