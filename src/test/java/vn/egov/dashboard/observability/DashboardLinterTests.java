package vn.egov.dashboard.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of grafana/dashboard-linter (github.com/grafana/dashboard-linter,
 * {@code lint/rule_*.go}) over the provisioned dashboards, ported here because the linter
 * is a Go program: {@code template-datasource-rule}, {@code template-job-rule},
 * {@code template-instance-rule}, {@code target-job-rule}, {@code target-instance-rule},
 * {@code target-rate-interval-rule}, {@code target-counter-agg-rule},
 * {@code panel-units-rule}, {@code panel-datasource-rule},
 * {@code panel-title-description-rule}, {@code template-on-time-change-reload-rule} and
 * {@code uneditable-dashboard}. As in the linter, the job and instance rules apply to
 * dashboards whose first datasource variable is Prometheus. One deviation, forced by
 * Grafana: the linter wants a second datasource variable named
 * {@code <plugin id>_datasource}, which for PostgreSQL
 * ({@code grafana-postgresql-datasource}) is not a valid variable name; its alias
 * {@code postgres} is used ({@code postgres_datasource}).
 */
class DashboardLinterTests {

	/** Units the linter accepts (its list, from Grafana's value formats). */
	private static final Set<String> UNITS = Set.of("none", "string", "short", "percent", "percentunit", "locale",
			"bytes", "decbytes", "bits", "reqps", "rps", "ops", "cps", "s", "ms", "µs", "ns", "m", "h", "d",
			"dtdurationms", "dtdurations", "dateTimeAsIso", "dateTimeAsLocal", "dateTimeAsLocalNoDateIfToday",
			"dateTimeFromNow", "bool", "currencyVND");

	private static final Set<String> UNIT_PANELS = Set.of("stat", "singlestat", "graph", "table-old", "timeseries",
			"gauge");

	private static final Set<String> DATASOURCE_PANELS = Set.of("singlestat", "graph", "table-old", "timeseries");

	/** Label matchers of one selector: {@code metric{…}} or a bare {@code {…}}. */
	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)?\\{([^}]*)}");

	/** A range: the function that takes it, the selector, and the range. */
	private static final Pattern RANGE = Pattern
		.compile("(\\w+)\\(\\s*[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*})?\\[([^\\]]+)]");

	private final Map<String, JsonNode> dashboards = Dashboards.load();

	@Test
	void shouldPassTheTemplateDatasourceRule() {
		List<String> errors = new ArrayList<>();
		this.dashboards.forEach((name, dashboard) -> {
			List<JsonNode> datasources = Dashboards.variables(dashboard)
				.stream()
				.filter((v) -> v.get("type").asText().equals("datasource"))
				.toList();
			if (datasources.isEmpty()) {
				errors.add(name + " does not have a templated data source");
			}
			for (JsonNode variable : datasources) {
				String plugin = variable.get("query").asText();
				String id = plugin.equals("grafana-postgresql-datasource") ? "postgres" : plugin;
				String expected = id + "_datasource";
				String variableName = variable.get("name").asText();
				if (!variableName.equals(expected) && !(datasources.size() == 1 && variableName.equals("datasource"))) {
					errors.add(name + ": data source variable " + variableName + " should be named " + expected);
				}
			}
		});
		assertThat(errors).isEmpty();
	}

	@Test
	void shouldPassTheTemplateJobAndInstanceRules() {
		List<String> errors = new ArrayList<>();
		this.dashboards.forEach((name, dashboard) -> {
			if (!primaryIsPrometheus(dashboard)) {
				return;
			}
			for (String label : List.of("job", "instance")) {
				JsonNode variable = Dashboards.variables(dashboard)
					.stream()
					.filter((v) -> v.get("name").asText().equals(label))
					.findFirst()
					.orElse(null);
				if (variable == null) {
					errors.add(name + " is missing the " + label + " template");
					continue;
				}
				String uid = variable.get("datasource").get("uid").asText();
				if (!Set.of("$datasource", "${datasource}", "$prometheus_datasource", "${prometheus_datasource}")
					.contains(uid)) {
					errors.add(name + ": " + label + " template should use the templated datasource, uses " + uid);
				}
				if (!variable.get("type").asText().equals("query")) {
					errors.add(name + ": " + label + " template should be a Prometheus query");
				}
				if (!variable.path("multi").asBoolean()) {
					errors.add(name + ": " + label + " template should be a multi select");
				}
				if (!variable.path("allValue").asText().equals(".+")) {
					errors.add(name + ": " + label + " template allValue should be '.+'");
				}
				String title = Character.toUpperCase(label.charAt(0)) + label.substring(1);
				if (!variable.path("label").asText().equals(title)) {
					errors.add(name + ": " + label + " template should be labeled " + title);
				}
			}
		});
		assertThat(errors).isEmpty();
	}

	@Test
	void shouldPassTheTargetJobAndInstanceRules() {
		List<String> errors = new ArrayList<>();
		forEachPromQl((where, expr) -> {
			Matcher selector = SELECTOR.matcher(expr);
			int found = 0;
			while (selector.find()) {
				found++;
				for (String label : List.of("job", "instance")) {
					if (!selector.group(2).contains(label + "=~\"$" + label + "\"")) {
						errors
							.add(where + ": " + selector.group() + " has no " + label + "=~\"$" + label + "\" matcher");
					}
				}
			}
			if (found == 0 || bareMetric(expr)) {
				errors.add(where + ": a selector without matchers in " + expr);
			}
		});
		assertThat(errors).isEmpty();
	}

	@Test
	void shouldPassTheTargetRateIntervalAndCounterRules() {
		List<String> errors = new ArrayList<>();
		forEachPromQl((where, expr) -> {
			Matcher range = RANGE.matcher(expr);
			while (range.find()) {
				String function = range.group(1);
				boolean rate = function.equals("rate") || function.equals("irate");
				if (rate && !range.group(3).equals("$__rate_interval")) {
					errors.add(where + ": " + range.group() + " should use $__rate_interval");
				}
				if (!rate && range.group(3).equals("$__rate_interval")) {
					errors.add(where + ": $__rate_interval used in non-rate function " + function);
				}
			}
			Matcher selector = SELECTOR.matcher(expr);
			while (selector.find()) {
				String metric = selector.group(1);
				if (metric != null && metric.endsWith("_total")) {
					String before = expr.substring(0, selector.start());
					String after = expr.substring(selector.end());
					if (!before.matches("(?s).*\\b(rate|irate|increase)\\(\\s*$") || !after.startsWith("[")) {
						errors.add(where + ": counter " + metric + " is not aggregated with rate, irate or increase");
					}
				}
			}
		});
		assertThat(errors).isEmpty();
	}

	@Test
	void shouldPassThePanelUnitsDatasourceAndTitleRules() {
		List<String> errors = new ArrayList<>();
		this.dashboards.forEach((name, dashboard) -> {
			Set<String> datasourceVariables = Set.copyOf(Dashboards.variables(dashboard)
				.stream()
				.filter((v) -> v.get("type").asText().equals("datasource"))
				.map((v) -> v.get("name").asText())
				.toList());
			for (JsonNode panel : Dashboards.panels(dashboard)) {
				String where = name + " / " + panel.get("title").asText();
				String type = panel.get("type").asText();
				JsonNode defaults = panel.get("fieldConfig").get("defaults");
				boolean mapped = defaults.has("mappings") && !defaults.get("mappings").isEmpty();
				boolean statFields = type.equals("stat")
						&& !panel.path("options").path("reduceOptions").path("fields").asText().isEmpty();
				String unit = defaults.path("unit").asText();
				if (UNIT_PANELS.contains(type) && !mapped && !statFields && !UNITS.contains(unit)) {
					errors.add(where + " has no or invalid units defined: '" + unit + "'");
				}
				// Stricter than the linter: every panel, not only its four types, uses a
				// datasource variable.
				String uid = panel.get("datasource").get("uid").asText();
				if (datasourceVariables.stream().noneMatch((v) -> uid.equals("$" + v) || uid.equals("${" + v + "}"))) {
					errors.add(where + " does not use a templated datasource, uses " + uid
							+ (DATASOURCE_PANELS.contains(type) ? "" : " (" + type + ")"));
				}
				if (panel.get("title").asText().isBlank() || panel.path("description").asText().isBlank()) {
					errors.add(where + " has a missing title or description");
				}
			}
		});
		assertThat(errors).isEmpty();
	}

	@Test
	void shouldReloadQueryVariablesOnTimeChangeAndNotBeEditable() {
		List<String> errors = new ArrayList<>();
		this.dashboards.forEach((name, dashboard) -> {
			if (dashboard.path("editable").asBoolean(true)) {
				errors.add(name + " is editable, it should be set to 'editable: false'");
			}
			for (JsonNode variable : Dashboards.variables(dashboard)) {
				if (variable.get("type").asText().equals("query") && variable.path("refresh").asInt() != 2) {
					errors.add(name + ": variable " + variable.get("name").asText()
							+ " should refresh on time range change (2)");
				}
			}
		});
		assertThat(errors).isEmpty();
	}

	@Test
	void shouldLayOutPanelsOnTheGridAndDefineEveryVariableTheyName() {
		List<String> errors = new ArrayList<>();
		Pattern variable = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(?!__)(\\w+)");
		Set<String> uids = new java.util.HashSet<>();
		this.dashboards.forEach((name, dashboard) -> {
			if (!uids.add(dashboard.get("uid").asText())) {
				errors.add(name + " repeats the uid " + dashboard.get("uid").asText());
			}
			Set<String> defined = Set
				.copyOf(Dashboards.variables(dashboard).stream().map((v) -> v.get("name").asText()).toList());
			List<int[]> cells = new ArrayList<>();
			Set<Integer> ids = new java.util.HashSet<>();
			for (JsonNode panel : Dashboards.panels(dashboard)) {
				String where = name + " / " + panel.get("title").asText();
				if (!ids.add(panel.get("id").asInt())) {
					errors.add(where + " repeats the panel id " + panel.get("id").asInt());
				}
				JsonNode grid = panel.get("gridPos");
				int[] cell = { grid.get("x").asInt(), grid.get("y").asInt(), grid.get("w").asInt(),
						grid.get("h").asInt() };
				if (cell[0] + cell[2] > 24) {
					errors.add(where + " is wider than the 24 columns");
				}
				for (int[] other : cells) {
					if (cell[0] < other[0] + other[2] && other[0] < cell[0] + cell[2] && cell[1] < other[1] + other[3]
							&& other[1] < cell[1] + cell[3]) {
						errors.add(where + " overlaps another panel");
					}
				}
				cells.add(cell);
				for (JsonNode target : panel.get("targets")) {
					Matcher used = variable.matcher(Dashboards.query(target));
					while (used.find()) {
						String named = (used.group(1) != null) ? used.group(1) : used.group(2);
						if (!defined.contains(named)) {
							errors.add(where + " names $" + named + ", which the dashboard does not define");
						}
					}
				}
			}
		});
		assertThat(errors).isEmpty();
	}

	private interface PromQl {

		void check(String where, String expr);

	}

	/**
	 * Every PromQL query of a dashboard whose first datasource variable is Prometheus.
	 */
	private void forEachPromQl(PromQl check) {
		this.dashboards.forEach((name, dashboard) -> {
			if (!primaryIsPrometheus(dashboard)) {
				return;
			}
			for (JsonNode panel : Dashboards.panels(dashboard)) {
				for (JsonNode target : panel.get("targets")) {
					if (target.has("expr")) {
						check.check(name + " / " + panel.get("title").asText(), target.get("expr").asText());
					}
				}
			}
		});
	}

	private static boolean primaryIsPrometheus(JsonNode dashboard) {
		return Dashboards.variables(dashboard)
			.stream()
			.filter((v) -> v.get("type").asText().equals("datasource"))
			.findFirst()
			.map((v) -> v.get("query").asText().equals("prometheus"))
			.orElse(false);
	}

	/**
	 * Whether a metric name stands in the expression without matchers: a word not
	 * followed by {@code (} or {@code {}, outside strings and matchers, that is neither a
	 * keyword nor a label of by/without.
	 */
	private static boolean bareMetric(String expr) {
		String outside = expr.replaceAll("\"[^\"]*\"", "\"\"")
			.replaceAll("\\{[^}]*}", "{}")
			.replaceAll("\\[[^\\]]*]", "[]")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
		Matcher word = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*[({])").matcher(outside);
		while (word.find()) {
			if (!Set.of("and", "or", "unless", "bool", "offset").contains(word.group(1))) {
				return true;
			}
		}
		return false;
	}

}
