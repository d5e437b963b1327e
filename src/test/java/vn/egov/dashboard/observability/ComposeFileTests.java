package vn.egov.dashboard.observability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure of docker-compose.yml (no Docker engine is needed to read it): the four
 * services, monitoring that does not wait for the API, a database that is not published
 * and needs a password, the salts the API needs, and mounts of files that exist.
 */
class ComposeFileTests {

	private final Map<String, Object> compose = load("docker-compose.yml");

	private final Map<String, Map<String, Object>> services = cast(this.compose.get("services"));

	@Test
	void shouldStartTheWholeStack() {
		assertThat(this.services).containsOnlyKeys("postgres", "api", "prometheus", "grafana");
		assertThat(dependencies("api")).containsOnlyKeys("postgres");
		assertThat(dependencies("api").get("postgres")).containsEntry("condition", "service_healthy");
	}

	@Test
	void shouldWatchAnUnhealthyApi() {
		// An API that is down or unhealthy is what monitoring must show: Prometheus and
		// Grafana never wait for it, nor Grafana for Prometheus.
		assertThat(dependencies("prometheus")).isEmpty();
		assertThat(dependencies("grafana")).doesNotContainKeys("api", "prometheus");
	}

	@Test
	void shouldNeitherPublishTheDatabaseNorDefaultItsPassword() {
		List<String> ports = cast(this.services.get("postgres").getOrDefault("ports", List.of()));
		assertThat(ports).allSatisfy((port) -> assertThat(port).startsWith("127.0.0.1:"));
		Map<String, Object> database = environment("postgres");
		assertThat(database.get("POSTGRES_PASSWORD").toString()).matches("\\$\\{DB_PASSWORD:\\?.+}");
		assertThat(database.get("POSTGRES_USER").toString()).doesNotContain("postgres");
		assertThat(database.get("GRAFANA_DB_PASSWORD").toString()).matches("\\$\\{GRAFANA_DB_PASSWORD:\\?.+}");
		assertThat(environment("api").get("DB_PASSWORD").toString()).matches("\\$\\{DB_PASSWORD:\\?.+}");
		assertThat(environment("grafana").get("GF_SECURITY_ADMIN_PASSWORD").toString())
			.matches("\\$\\{GRAFANA_ADMIN_PASSWORD:\\?.+}");
	}

	@Test
	void shouldGiveTheApiItsSaltsAndDatabase() {
		Map<String, Object> api = environment("api");
		assertThat(api).containsEntry("DB_HOST", "postgres")
			.containsKeys("DB_PORT", "DB_NAME", "DB_USER", "SERVER_PORT");
		// Without them one vote per voter and distinct visitors reset at every restart.
		assertThat(api.get("TRAFFIC_VISITOR_SALT").toString()).matches("\\$\\{TRAFFIC_VISITOR_SALT:\\?.+}");
		assertThat(api.get("POLL_VOTER_SALT").toString()).matches("\\$\\{POLL_VOTER_SALT:\\?.+}");
		assertThat(environment("grafana")).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
			.containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
	}

	@Test
	void shouldMountFilesThatExistAndVolumesThatAreDeclared() {
		Map<String, Object> declared = cast(this.compose.get("volumes"));
		this.services.forEach((name, spec) -> {
			for (String volume : this.<List<String>>cast(spec.getOrDefault("volumes", List.of()))) {
				String source = volume.split(":")[0];
				if (source.startsWith("./")) {
					assertThat(Dashboards.ROOT.resolve(source)).as(name + " mounts " + source).exists();
				}
				else {
					assertThat(declared).as(name + " uses a declared volume").containsKey(source);
				}
			}
		});
		assertThat(mount("prometheus", "./prometheus")).isEqualTo("/etc/prometheus");
		assertThat(Dashboards.ROOT.resolve("prometheus/prometheus.yml")).content().contains("alerts.yml", "api:8080");
		assertThat(mount("postgres", "./grafana/postgres-init")).isEqualTo("/docker-entrypoint-initdb.d");
		assertThat(mount("grafana", "./grafana/dashboards")).isEqualTo("/var/lib/grafana/dashboards");
	}

	@Test
	void shouldServeEveryMapFileThePanelsName() throws IOException {
		String maps = mount("grafana", "./grafana/geo/dist");
		assertThat(maps).isEqualTo("/usr/share/grafana/public/maps/egov");
		Pattern file = Pattern.compile("public/maps/egov/([\\w.-]+)");
		int found = 0;
		for (JsonNode dashboard : Dashboards.load().values()) {
			Matcher named = file.matcher(dashboard.toString());
			while (named.find()) {
				assertThat(Dashboards.ROOT.resolve("grafana/geo/dist").resolve(named.group(1))).exists();
				found++;
			}
		}
		assertThat(found).isEqualTo(8);
	}

	private String mount(String service, String source) {
		List<String> volumes = cast(this.services.get(service).get("volumes"));
		return volumes.stream()
			.filter((v) -> v.startsWith(source + ":"))
			.map((v) -> v.split(":")[1])
			.findFirst()
			.orElseThrow(() -> new AssertionError(service + " does not mount " + source));
	}

	private Map<String, Map<String, String>> dependencies(String service) {
		return cast(this.services.get(service).getOrDefault("depends_on", Map.of()));
	}

	private Map<String, Object> environment(String service) {
		return cast(this.services.get(service).get("environment"));
	}

	private static Map<String, Object> load(String file) {
		try {
			return new Yaml().load(Files.readString(Path.of("").toAbsolutePath().resolve(file)));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	private <T> T cast(Object value) {
		return (T) value;
	}

}
