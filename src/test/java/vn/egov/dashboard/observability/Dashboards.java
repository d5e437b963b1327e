package vn.egov.dashboard.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provisioned dashboards (grafana/dashboards/*.json) and how Grafana fills their
 * queries in: variables in the formats the dashboards use, and the macros of its
 * PostgreSQL data source and of Prometheus queries.
 */
final class Dashboards {

	static final Path ROOT = Path.of("").toAbsolutePath();

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** {@code $name}, {@code ${name}} or {@code ${name:format}}, not a macro. */
	private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(?!__)(\\w+)");

	private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");

	private Dashboards() {
	}

	/** Every dashboard by file name. */
	static Map<String, JsonNode> load() {
		Map<String, JsonNode> dashboards = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(ROOT.resolve("grafana/dashboards"))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				dashboards.put(file.getFileName().toString().replace(".json", ""), JSON.readTree(file.toFile()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return dashboards;
	}

	/** The panels of a dashboard (this project's dashboards have no rows). */
	static List<JsonNode> panels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		dashboard.get("panels").forEach(panels::add);
		return panels;
	}

	static JsonNode panel(JsonNode dashboard, int id) {
		return panels(dashboard).stream()
			.filter((p) -> p.get("id").asInt() == id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no panel " + id));
	}

	static List<JsonNode> variables(JsonNode dashboard) {
		List<JsonNode> variables = new ArrayList<>();
		dashboard.get("templating").get("list").forEach(variables::add);
		return variables;
	}

	/** Whether a panel (or its target) queries PostgreSQL, by its datasource variable. */
	static boolean isSql(JsonNode dashboard, JsonNode panel) {
		String uid = panel.get("datasource").get("uid").asText();
		String name = uid.replaceAll("[${}]", "");
		return variables(dashboard).stream()
			.anyMatch((v) -> v.get("name").asText().equals(name)
					&& v.get("query").asText().equals("grafana-postgresql-datasource"));
	}

	/** The query text of a target: PromQL or SQL. */
	static String query(JsonNode target) {
		return target.has("expr") ? target.get("expr").asText() : target.get("rawSql").asText();
	}

	/** Values chosen for the variables of a dashboard; multi-valued where several. */
	record Values(Map<String, List<String>> values) {

		Values with(String name, String... chosen) {
			Map<String, List<String>> copy = new LinkedHashMap<>(this.values);
			copy.put(name, List.of(chosen));
			return new Values(copy);
		}

		List<String> get(String name) {
			List<String> found = this.values.get(name);
			if (found == null) {
				throw new AssertionError("variable $" + name + " is not defined");
			}
			return found;
		}

	}

	/**
	 * A SQL query as Grafana's PostgreSQL data source runs it: variables in their formats
	 * (single values as they are, several as a quoted list), {@code $__timeFilter(c)} as
	 * {@code c BETWEEN from AND to}.
	 */
	static String sql(String sql, Values values, Instant from, Instant to) {
		String result = TIME_FILTER.matcher(sql)
			.replaceAll((m) -> Matcher.quoteReplacement(m.group(1) + " BETWEEN '" + from + "' AND '" + to + "'"));
		return substitute(result, values, true);
	}

	/**
	 * A PromQL query as Grafana sends it, with {@code $__range} and
	 * {@code $__rate_interval} both {@code window}.
	 */
	static String promql(String expr, Values values, String window) {
		return substitute(expr.replace("$__rate_interval", window).replace("$__range", window), values, false);
	}

	private static String substitute(String query, Values values, boolean sql) {
		return VARIABLE.matcher(query).replaceAll((m) -> {
			String name = (m.group(1) != null) ? m.group(1) : m.group(3);
			String format = (m.group(2) != null) ? m.group(2) : (sql ? "sqldefault" : "promdefault");
			List<String> chosen = values.get(name);
			String text = switch (format) {
				case "sqlstring" -> chosen.stream().map(Dashboards::quote).collect(Collectors.joining(","));
				case "sqldefault" -> (chosen.size() == 1) ? chosen.get(0)
						: chosen.stream().map(Dashboards::quote).collect(Collectors.joining(","));
				case "regex",
						"promdefault" ->
					(chosen.size() == 1 && format.equals("promdefault")) ? chosen.get(0)
							: "(" + chosen.stream()
								.map(Pattern::quote)
								.map(Dashboards::promRegex)
								.collect(Collectors.joining("|")) + ")";
				default -> throw new AssertionError("format " + format + " of $" + name + " is not supported here");
			};
			return Matcher.quoteReplacement(text);
		});
	}

	private static String quote(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	/** Grafana escapes regex metacharacters with backslashes, not \Q…\E. */
	private static String promRegex(String quoted) {
		String raw = quoted.substring(2, quoted.length() - 2);
		return raw.replaceAll("([\\\\.*+?^${}()|\\[\\]])", "\\\\\\\\$1");
	}

}
