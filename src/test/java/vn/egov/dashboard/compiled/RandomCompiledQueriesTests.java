package vn.egov.dashboard.compiled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random queries drawn from the schema, starting at every root field that has a SQL form,
 * answered once on the compiled path and once field by field: the two answers must be
 * equal. Fields are drawn from the schema itself (with their arguments, sometimes sent as
 * variables), mostly those with a SQL form, so that most queries compile; the rest check
 * that a query naming a field without one falls back and still answers the same. Seeded
 * by {@link RandomCases}: a failure names the seed and the query.
 */
class RandomCompiledQueriesTests extends IntegrationTests {

	private static final int CASES = 200;

	private static final List<String> CODES = List.of("P01", "P17", "P48", "P25-2025", "BTTTT", "BKHCN", "VN",
			"NO-SUCH", "CDSQG");

	private static final List<String> SEARCHES = List.of("hoa binh", "đà nẵng", "HÀ", "bo", "xyz", "thanh pho");

	private static final List<String> DATES = List.of("2017-01-01", "2020-12-31", "2025-06-30", "2025-07-01",
			"2026-01-01");

	@Autowired
	private GraphQlSource source;

	@Autowired
	private List<SqlJsonType> forms;

	@Autowired
	private MeterRegistry meters;

	@Test
	void shouldAnswerRandomQueriesAsTheOrdinaryPathDoes() {
		GraphQLSchema schema = this.source.schema();
		Map<String, Set<String>> compiledFields = new LinkedHashMap<>();
		this.forms.forEach((form) -> compiledFields.computeIfAbsent(form.typeName(), (name) -> new TreeSet<>())
			.addAll(form.fields().keySet()));
		WebTestClient http = BothPaths.client(this.port);
		double compiledBefore = compiledCount();
		RandomCases.forAll(CASES, (random) -> {
			Query query = new Generator(schema, compiledFields, random).query();
			Object compiled = BothPaths.post(http, query.text(), query.variables(), true);
			Object ordinary = BothPaths.post(http, query.text(), query.variables(), false);
			assertThat(BothPaths.numbersAsDoubles(compiled)).as(query.text() + " " + query.variables())
				.isEqualTo(BothPaths.numbersAsDoubles(ordinary));
		});
		assertThat(compiledCount() - compiledBefore).as("queries answered on the compiled path")
			.isGreaterThan(CASES / 2.0);
	}

	private double compiledCount() {
		return this.meters.get("egov.graphql.queries").tag("path", "compiled").counter().count();
	}

	record Query(String text, Map<String, Object> variables) {
	}

	/** Draws one query from the schema. */
	private static final class Generator {

		private static final int MAX_DEPTH = 4;

		private final GraphQLSchema schema;

		private final Map<String, Set<String>> compiledFields;

		private final RandomCases random;

		private final Map<String, Object> variables = new LinkedHashMap<>();

		private final List<String> declarations = new ArrayList<>();

		Generator(GraphQLSchema schema, Map<String, Set<String>> compiledFields, RandomCases random) {
			this.schema = schema;
			this.compiledFields = compiledFields;
			this.random = random;
		}

		Query query() {
			List<String> roots = List.copyOf(this.compiledFields.getOrDefault("Query", Set.of()));
			StringBuilder selection = new StringBuilder();
			int count = this.random.between(1, 2);
			for (int i = 0; i < count; i++) {
				GraphQLFieldDefinition root = this.schema.getQueryType().getFieldDefinition(this.random.of(roots));
				selection.append(' ').append((count > 1) ? "r" + i + ": " : "").append(field(root, 1, true));
			}
			String header = this.declarations.isEmpty() ? "" : "query(" + String.join(", ", this.declarations) + ") ";
			return new Query(header + "{" + selection + " }", this.variables);
		}

		private String field(GraphQLFieldDefinition field, int depth, boolean root) {
			String arguments = arguments(field, root);
			GraphQLType type = GraphQLTypeUtil.unwrapAll(field.getType());
			if (!(type instanceof GraphQLFieldsContainer container)) {
				return field.getName() + arguments;
			}
			return field.getName() + arguments + " { " + selection(container, depth + 1) + " }";
		}

		private String selection(GraphQLFieldsContainer container, int depth) {
			Set<String> compiled = this.compiledFields.getOrDefault(container.getName(), Set.of());
			List<GraphQLFieldDefinition> leaves = new ArrayList<>();
			List<GraphQLFieldDefinition> objects = new ArrayList<>();
			for (GraphQLFieldDefinition field : container.getFieldDefinitions()) {
				boolean preferred = compiled.isEmpty() || compiled.contains(field.getName());
				if (!preferred && this.random.between(1, 10) > 1) {
					continue; // mostly fields with a SQL form, so that most queries
								// compile
				}
				if (!requiredArgumentsKnown(field)) {
					continue;
				}
				boolean leaf = !(GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLFieldsContainer);
				(leaf ? leaves : objects).add(field);
			}
			List<String> chosen = new ArrayList<>();
			if (leaves.isEmpty()) {
				chosen.add("__typename");
			}
			else {
				for (int i = this.random.between(1, 4); i > 0; i--) {
					GraphQLFieldDefinition leaf = this.random.of(leaves);
					chosen.add("a" + chosen.size() + ": " + field(leaf, depth, false));
				}
			}
			if (depth < MAX_DEPTH && !objects.isEmpty()) {
				for (int i = this.random.between(0, 2); i > 0; i--) {
					chosen.add("o" + chosen.size() + ": " + field(this.random.of(objects), depth, false));
				}
			}
			return String.join(" ", chosen);
		}

		private boolean requiredArgumentsKnown(GraphQLFieldDefinition field) {
			return field.getArguments()
				.stream()
				.filter((argument) -> GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue())
				.allMatch((argument) -> value(argument.getName(), argument.getType()) != null);
		}

		private String arguments(GraphQLFieldDefinition field, boolean root) {
			List<String> written = new ArrayList<>();
			for (GraphQLArgument argument : field.getArguments()) {
				// Without asOf, siteStats answers as of the moment asked: the two answers
				// would differ by that.
				boolean required = GraphQLTypeUtil.isNonNull(argument.getType()) && !argument.hasSetDefaultValue()
						|| argument.getName().equals("asOf");
				if (!required && this.random.bool()) {
					continue;
				}
				Object value = value(argument.getName(), argument.getType());
				if (value == null) {
					continue;
				}
				if (root && this.random.bool()) {
					String name = "v" + this.variables.size();
					this.declarations.add("$" + name + ": " + GraphQLTypeUtil.simplePrint(argument.getType()));
					this.variables.put(name, value);
					written.add(argument.getName() + ": $" + name);
				}
				else {
					written.add(argument.getName() + ": " + literal(value, argument.getType()));
				}
			}
			return written.isEmpty() ? "" : "(" + String.join(", ", written) + ")";
		}

		/** A value for an argument or input field, as JSON; null when none is known. */
		private Object value(String name, GraphQLInputType type) {
			GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
			if (bare instanceof GraphQLList list) {
				return this.random.list(1, 2, (r) -> value(name, (GraphQLInputType) GraphQLTypeUtil.unwrapOne(list)));
			}
			if (name.equals("block") && this.random.bool()) {
				return "PROVINCES"; // the block every framework ranks: most rankings
									// exist
			}
			if (bare instanceof GraphQLEnumType enumType) {
				return this.random.of(enumType.getValues()).getName();
			}
			if (bare instanceof GraphQLInputObjectType input) {
				Map<String, Object> fields = new LinkedHashMap<>();
				for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
					if (GraphQLTypeUtil.isNonNull(field.getType()) || this.random.between(1, 3) == 1) {
						Object value = value(field.getName(), field.getType());
						if (value != null) {
							fields.put(field.getName(), value);
						}
					}
				}
				return fields;
			}
			String scalar = ((GraphQLNamedType) bare).getName();
			return switch (scalar) {
				case "Int" -> switch (name) {
					case "first" -> this.random.between(0, 5);
					case "year" -> this.random.of(1990, 2016, 2020, 2022, 2024);
					// DTI rounds 2020-2024, VIETNAM_ICT_INDEX 2016-2020 and 2023,
					// ICT_APPLICATION 2016-2019
					case "fromYear" -> this.random.of(2016, 2020, 2021, 2022);
					case "toYear" -> this.random.of(2020, 2023, 2024);
					default -> this.random.between(0, 5);
				};
				case "Boolean" -> this.random.bool();
				case "Date" -> this.random.of(DATES);
				case "DateTime" ->
					this.random.of("2025-11-20T10:00:00+07:00", "2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
				case "String", "ID" -> switch (name) {
					case "code", "agencyCode", "parentCode" -> this.random.of(CODES);
					case "search" -> this.random.of(SEARCHES);
					case "indicatorCode" ->
						this.random.of("E_DOC_EXCHANGE", "E_DOC_SUBMISSION", "UN_EGDI_RANK", "NO_SUCH");
					case "id" -> this.random.of("1", "2", "3", "5", "99", "999999", "x");
					case "number" -> this.random.of("1819/QĐ-TTg", "2055/BTTTT-THH", "50/BTTTT-CĐSQG", "17/NQ-CP",
							"202/2025/QH15", " 1690/QĐ-TTg ", "NO-SUCH");
					case "siteCode" -> this.random.of("CDSQG", "HANOI", "DANANG", "NO-SUCH");
					case "path" -> this.random.of("/", "/tin-tuc", "/dich-vu-cong", "/du-lich", "/no-such");
					case "agencyCodes" -> this.random.of(CODES);
					// a code, in any case, a Vietnamese name (left to the ordinary path),
					// none
					case "category" ->
						this.random.of("TOTAL", "total ", "chinh_quyen_so", "", "Chính quyền số", "NO_SUCH");
					default -> null;
				};
				default -> null;
			};
		}

		private String literal(Object value, GraphQLInputType type) {
			GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
			if (bare instanceof GraphQLList list) {
				return ((List<?>) value).stream()
					.map((item) -> literal(item, (GraphQLInputType) GraphQLTypeUtil.unwrapOne(list)))
					.collect(Collectors.joining(", ", "[", "]"));
			}
			if (bare instanceof GraphQLInputObjectType input) {
				return ((Map<?, ?>) value).entrySet()
					.stream()
					.map((entry) -> entry.getKey() + ": "
							+ literal(entry.getValue(), input.getFieldDefinition((String) entry.getKey()).getType()))
					.collect(Collectors.joining(", ", "{", "}"));
			}
			if (bare instanceof GraphQLEnumType || value instanceof Number || value instanceof Boolean) {
				return String.valueOf(value);
			}
			return JsonMapper.shared().writeValueAsString(value);
		}

	}

}
