package vn.egov.dashboard.observability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks what the Grafana stack is made of with real programs: a real Prometheus
 * (Debian's {@code prometheus}, or {@code PROMETHEUS_BIN}) scrapes this test server with
 * the project's own {@code prometheus/prometheus.yml}; every PromQL expression of every
 * dashboard must be valid and return series, every SQL panel must run against the demo
 * database and return rows, every variable must resolve; the dashboards' structure and
 * the compose file are checked too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardChecksTests extends IntegrationTests {

	private static final Path ROOT = Path.of("").toAbsolutePath();

	private static final Pattern VARIABLE = Pattern.compile("\\$(?!__)(\\w+)");

	private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private Process prometheus;

	private String prometheusUrl;

	private Map<String, JsonNode> dashboards;

	@BeforeAll
	void startPrometheusAndScrape() throws Exception {
		this.dashboards = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(ROOT.resolve("grafana/dashboards"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				this.dashboards.put(file.getFileName().toString(), this.json.readTree(file.toFile()));
			}
		}
		int port = freePort();
		this.prometheusUrl = "http://127.0.0.1:" + port;
		Path work = Files.createTempDirectory("prometheus-check");
		Path config = work.resolve("prometheus.yml");
		Files.writeString(config, scrapingThisServer());
		this.prometheus = new ProcessBuilder(prometheusBinary(), "--config.file=" + config,
				"--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("prometheus.log").toFile())
			.start();
		// Traffic while Prometheus scrapes every second: requests, an error, so that
		// rates and histograms have data.
		long until = System.nanoTime() + Duration.ofSeconds(12).toNanos();
		while (System.nanoTime() < until) {
			this.graphQl.document("{ agencies(first: 5) { totalCount edges { node { code successor { code } } } } }")
				.execute();
			this.graphQl.document("{ agencies(first: 500) { totalCount } }").execute();
			Thread.sleep(200);
		}
		assertThat(promQuery("up{job=\"egov-dashboard\"} == 1")).as("Prometheus scrapes the test server").isNotEmpty();
	}

	@AfterAll
	void stopPrometheus() {
		if (this.prometheus != null) {
			this.prometheus.destroy();
		}
	}

	@Test
	void shouldAnswerEveryPromQlExpressionWithSeries() throws Exception {
		List<String> failures = new ArrayList<>();
		for (var dashboard : this.dashboards.entrySet()) {
			Map<String, String> values = promVariables(dashboard.getValue());
			for (JsonNode panel : dashboard.getValue().get("panels")) {
				if (!"prometheus".equals(panel.get("datasource").get("uid").asText())) {
					continue;
				}
				for (JsonNode target : panel.get("targets")) {
					String expr = substitute(target.get("expr").asText(), values);
					try {
						if (promQuery(expr).isEmpty()) {
							failures.add(dashboard.getKey() + " / " + panel.get("title").asText() + ": no series for "
									+ expr);
						}
					}
					catch (IllegalStateException ex) {
						failures.add(dashboard.getKey() + " / " + panel.get("title").asText() + ": " + ex.getMessage());
					}
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void shouldRunEverySqlPanelAgainstTheDemoDatabase() throws Exception {
		List<String> failures = new ArrayList<>();
		for (var dashboard : this.dashboards.entrySet()) {
			Map<String, String> values = sqlVariables(dashboard.getValue());
			for (JsonNode panel : dashboard.getValue().get("panels")) {
				if (!"postgres".equals(panel.get("datasource").get("uid").asText())) {
					continue;
				}
				for (JsonNode target : panel.get("targets")) {
					String sql = substitute(target.get("rawSql").asText(), values)
						.replaceAll("\\$__timeFilter\\([^)]*\\)", "TRUE");
					try {
						List<Map<String, Object>> rows = this.db.sql(sql).fetch().all().collectList().block();
						if (rows == null || rows.isEmpty()) {
							failures.add(dashboard.getKey() + " / " + panel.get("title").asText() + ": no rows");
						}
					}
					catch (RuntimeException ex) {
						failures.add(dashboard.getKey() + " / " + panel.get("title").asText() + ": " + ex.getMessage());
					}
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void shouldKeepEveryDashboardWellFormed() throws IOException {
		Set<String> datasources = provisionedDatasourceUids();
		Set<String> uids = new HashSet<>();
		assertThat(this.dashboards).isNotEmpty();
		for (var dashboard : this.dashboards.entrySet()) {
			JsonNode d = dashboard.getValue();
			String name = dashboard.getKey();
			assertThat(uids.add(d.get("uid").asText())).as(name + " has a unique uid").isTrue();
			assertThat(d.get("title").asText()).as(name + " title").isNotBlank();
			assertThat(d.get("description").asText()).as(name + " description (English)").isNotBlank();
			Set<String> defined = new HashSet<>();
			for (JsonNode variable : d.get("templating").get("list")) {
				defined.add(variable.get("name").asText());
				if (variable.has("datasource")) {
					assertThat(datasources).as(name + " variable datasource")
						.contains(variable.get("datasource").get("uid").asText());
				}
			}
			Set<Integer> ids = new HashSet<>();
			for (JsonNode panel : d.get("panels")) {
				String title = name + " / " + panel.get("title").asText();
				assertThat(ids.add(panel.get("id").asInt())).as(title + " has a unique id").isTrue();
				assertThat(panel.get("description").asText()).as(title + " description").isNotBlank();
				JsonNode grid = panel.get("gridPos");
				assertThat(grid.get("x").asInt() + grid.get("w").asInt()).as(title + " fits 24 columns")
					.isLessThanOrEqualTo(24);
				assertThat(datasources).as(title + " datasource").contains(panel.get("datasource").get("uid").asText());
				for (JsonNode target : panel.get("targets")) {
					String query = target.has("expr") ? target.get("expr").asText() : target.get("rawSql").asText();
					Matcher used = VARIABLE.matcher(query);
					while (used.find()) {
						assertThat(defined).as(title + " uses $" + used.group(1)).contains(used.group(1));
					}
				}
			}
		}
	}

	@Test
	void shouldDescribeTheWholeStackInTheComposeFile() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
		Map<String, Map<String, Object>> services = cast(compose.get("services"));
		assertThat(services).containsOnlyKeys("postgres", "api", "prometheus", "grafana");
		Map<String, Object> declared = cast(compose.get("volumes"));
		Set<String> volumes = declared.keySet();
		Set<String> ports = new HashSet<>();
		for (var service : services.entrySet()) {
			String name = service.getKey();
			Map<String, Object> spec = service.getValue();
			for (String volume : this.<List<String>>cast(spec.getOrDefault("volumes", List.of()))) {
				String source = volume.split(":")[0];
				if (source.startsWith("./")) {
					assertThat(ROOT.resolve(source)).as(name + " mounts " + source).exists();
				}
				else {
					assertThat(volumes).as(name + " uses a declared volume").contains(source);
				}
			}
			for (String port : this.<List<String>>cast(spec.getOrDefault("ports", List.of()))) {
				assertThat(ports.add(port.substring(0, port.lastIndexOf(':')))).as(name + " publishes a free port")
					.isTrue();
			}
			Map<String, Map<String, String>> dependsOn = cast(spec.getOrDefault("depends_on", Map.of()));
			for (var dependency : dependsOn.entrySet()) {
				assertThat(services).as(name + " depends on a service").containsKey(dependency.getKey());
				assertThat(dependency.getValue()).as(name + " waits for health")
					.containsEntry("condition", "service_healthy");
				boolean healthChecked = services.get(dependency.getKey()).containsKey("healthcheck")
						|| (dependency.getKey().equals("api")
								&& Files.readString(ROOT.resolve("Dockerfile")).contains("HEALTHCHECK"));
				assertThat(healthChecked).as(dependency.getKey() + " has a healthcheck").isTrue();
			}
		}
		Map<String, Object> apiEnv = cast(services.get("api").get("environment"));
		assertThat(apiEnv).containsKeys("DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD", "SERVER_PORT");
		assertThat(apiEnv.get("DB_HOST")).isEqualTo("postgres");
		Map<String, Object> grafanaEnv = cast(services.get("grafana").get("environment"));
		assertThat(grafanaEnv.get("GF_SECURITY_ADMIN_PASSWORD").toString()).startsWith("${GRAFANA_ADMIN_PASSWORD");
		assertThat(grafanaEnv).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
			.containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
		Map<String, Object> prometheusConfig = new Yaml()
			.load(Files.readString(ROOT.resolve("prometheus/prometheus.yml")));
		assertThat(prometheusConfig.toString()).contains("api:8080", "/actuator/prometheus");
	}

	private String scrapingThisServer() throws IOException {
		Map<String, Object> config = new Yaml().load(Files.readString(ROOT.resolve("prometheus/prometheus.yml")));
		Map<String, Object> global = cast(config.get("global"));
		global.put("scrape_interval", "1s");
		global.put("evaluation_interval", "1s");
		List<Map<String, Object>> scrapes = cast(config.get("scrape_configs"));
		List<Map<String, Object>> statics = cast(scrapes.get(0).get("static_configs"));
		statics.get(0).put("targets", List.of("127.0.0.1:" + this.port));
		return new Yaml().dump(config);
	}

	/**
	 * A resolved dashboard variable: its values, and whether Grafana substitutes one
	 * value or several.
	 */
	private record Resolved(List<String> values, boolean multi) {

		/**
		 * As Grafana substitutes it into PromQL: a regex alternation, or the single
		 * (first) value.
		 */
		String prom() {
			return this.multi ? "(" + String.join("|", this.values) + ")" : this.values.get(0);
		}

		/**
		 * As Grafana substitutes it into SQL: a quoted list, or the single (first) value
		 * as is.
		 */
		String sql() {
			return this.multi
					? this.values.stream().map((v) -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","))
					: this.values.get(0);
		}

	}

	private Map<String, String> promVariables(JsonNode dashboard) throws Exception {
		Map<String, String> values = new LinkedHashMap<>();
		variableValues(dashboard).forEach((name, resolved) -> values.put(name, resolved.prom()));
		return values;
	}

	private Map<String, String> sqlVariables(JsonNode dashboard) throws Exception {
		Map<String, String> values = new LinkedHashMap<>();
		variableValues(dashboard).forEach((name, resolved) -> values.put(name, resolved.sql()));
		return values;
	}

	/**
	 * Resolves every variable in order, each seeing the ones before it, as Grafana does;
	 * none may be empty.
	 */
	private Map<String, Resolved> variableValues(JsonNode dashboard) throws Exception {
		Map<String, Resolved> resolved = new LinkedHashMap<>();
		for (JsonNode variable : dashboard.get("templating").get("list")) {
			String name = variable.get("name").asText();
			Map<String, String> asProm = new LinkedHashMap<>();
			Map<String, String> asSql = new LinkedHashMap<>();
			resolved.forEach((n, r) -> {
				asProm.put(n, r.prom());
				asSql.put(n, r.sql());
			});
			List<String> values = new ArrayList<>();
			switch (variable.get("type").asText()) {
				case "custom" -> values.addAll(List.of(variable.get("query").asText().split(",")));
				case "query" -> {
					String uid = variable.get("datasource").get("uid").asText();
					if (uid.equals("prometheus")) {
						Matcher m = LABEL_VALUES.matcher(variable.get("definition").asText());
						assertThat(m.matches()).as(name + " is label_values(selector, label)").isTrue();
						for (JsonNode series : promSeries(substitute(m.group(1), asProm))) {
							values.add(series.get(m.group(2)).asText());
						}
						values = values.stream().distinct().sorted().toList();
					}
					else {
						this.db.sql(substitute(variable.get("query").asText(), asSql))
							.map((row) -> String.valueOf(row.get(0)))
							.all()
							.collectList()
							.blockOptional()
							.ifPresent(values::addAll);
					}
				}
				default -> fail("Unknown variable type " + variable.get("type"));
			}
			assertThat(values).as("variable $" + name + " resolves to values").isNotEmpty();
			resolved.put(name, new Resolved(values, variable.path("multi").asBoolean(false)));
		}
		return resolved;
	}

	private static String substitute(String query, Map<String, String> values) {
		String result = query.replace("$__rate_interval", "1m").replace("$__interval", "1m");
		for (var value : values.entrySet()) {
			result = result.replaceAll("\\$" + value.getKey() + "\\b", Matcher.quoteReplacement(value.getValue()));
		}
		return result;
	}

	private JsonNode promQuery(String expr) throws Exception {
		JsonNode body = promGet("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
		return body.get("data").get("result");
	}

	private JsonNode promSeries(String selector) throws Exception {
		return promGet("/api/v1/series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8)).get("data");
	}

	private JsonNode promGet(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.prometheusUrl + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode body = this.json.readTree(response.body());
		if (!"success".equals(body.path("status").asText())) {
			throw new IllegalStateException(body.path("error").asText(response.body()));
		}
		return body;
	}

	private Set<String> provisionedDatasourceUids() throws IOException {
		Map<String, Object> provisioning = new Yaml()
			.load(Files.readString(ROOT.resolve("grafana/provisioning/datasources/datasources.yml")));
		List<Map<String, Object>> datasources = cast(provisioning.get("datasources"));
		return datasources.stream().map((d) -> (String) d.get("uid")).collect(Collectors.toSet());
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

	@SuppressWarnings("unchecked")
	private <T> T cast(Object value) {
		return (T) value;
	}

}
