package vn.egov.dashboard.graphql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every String and ID argument of every Query field, found in the schema and asked by an
 * ADMIN (also inside input objects and lists), gets hostile text: SQL meta-characters,
 * LIKE wildcards, backslashes, NUL, unicode oddities and 100,000-character strings. Every
 * answer must be harmless: HTTP 200 with JSON, errors (if any) only BAD_REQUEST or
 * NOT_FOUND with no trace of Java, SQL or the driver, and every table still intact.
 */
class HostileInputTests extends IntegrationTests {

	private static final List<String> HOSTILE = List.of("'; DROP TABLE agency; --", "' OR '1'='1", "%", "_", "\\",
			"\\'", "\"", "$1", ":code", "\u0000", "P17\u0000", "\u202Egnp.exe", "\uFEFF", "Ha\u0300 Noi\u0302",
			"𝔥𝔬𝔞 😀", "\t\n\r", " ", "-1", "9223372036854775808", "\uD800x", "x".repeat(100_000),
			"%_\\".repeat(33_334));

	/**
	 * Words that only a leak would put in an answer (the hostile text itself is removed
	 * before looking).
	 */
	private static final List<String> LEAKS = List.of("Exception", "exception", "java.", "vn.egov", "springframework",
			"r2dbc", "R2dbc", "SQLSTATE", "syntax error", "SELECT ", " FROM ", "postgres", "PostgreSQL", "\tat ");

	private static final List<String> TABLES = List.of("agency", "legal_document", "plan", "target", "measurement",
			"assessment_score", "poll", "poll_option", "site", "page");

	@Autowired
	private GraphQlSource graphQlSource;

	@Autowired
	private JsonMapper json;

	@Test
	void shouldAnswerHostileTextInEveryStringArgumentHarmlessly() {
		Map<String, Long> rows = rows();
		GraphQLSchema schema = this.graphQlSource.schema();
		// Signed in as an ADMIN, so that admin-only fields (auditLog, apiKeys) run with
		// the hostile text too.
		WebClient client = WebClient.builder()
			.baseUrl("http://localhost:" + this.port + "/graphql")
			.defaultHeaders((headers) -> headers.setBearerAuth(TestTokens.token("hostile-admin", Role.ADMIN, null)))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
		int requests = 0;
		List<String> problems = new ArrayList<>();
		for (GraphQLFieldDefinition field : schema.getQueryType().getFieldDefinitions()) {
			for (List<String> slot : slots(field)) {
				for (String value : HOSTILE) {
					Map<String, Object> body = request(schema, field, slot, value);
					var response = client.post()
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue(body)
						.exchangeToMono((r) -> r.bodyToMono(String.class)
							.map((text) -> Map.entry(r.statusCode().value(), text)))
						.block(Duration.ofSeconds(30));
					requests++;
					String problem = problem(response.getKey(), response.getValue(), value);
					if (problem != null) {
						problems.add(field.getName() + " " + slot + " = " + preview(value) + ": " + problem);
					}
				}
			}
		}
		assertThat(problems).isEmpty();
		assertThat(requests).as("requests sent").isGreaterThan(30 * HOSTILE.size());
		assertThat(rows()).as("rows of each table").isEqualTo(rows);
	}

	/** Why an answer is not harmless, or null. */
	private String problem(int status, String body, String value) {
		if (status != 200) {
			return "HTTP " + status + " " + preview(body);
		}
		Map<?, ?> answer;
		try {
			answer = this.json.readValue(body, Map.class);
		}
		catch (RuntimeException ex) {
			return "not JSON: " + preview(body);
		}
		if (!(answer.containsKey("data") || answer.containsKey("errors"))) {
			return "neither data nor errors: " + preview(body);
		}
		if (answer.get("errors") instanceof List<?> errors) {
			for (Object error : errors) {
				Map<?, ?> map = (Map<?, ?>) error;
				Object classification = ((Map<?, ?>) map.get("extensions")).get("classification");
				if (!List.of("BAD_REQUEST", "NOT_FOUND").contains(classification)) {
					return classification + ": " + preview(String.valueOf(map.get("message")));
				}
			}
		}
		String scrubbed = body.replace(this.json.writeValueAsString(value).replaceAll("^\"|\"$", ""), "");
		for (String leak : LEAKS) {
			if (scrubbed.contains(leak)) {
				return "leaks '" + leak + "': " + preview(scrubbed);
			}
		}
		return null;
	}

	/**
	 * Paths to every String or ID a field's arguments can hold: ["code"], ["filter",
	 * "search"], …
	 */
	private static List<List<String>> slots(GraphQLFieldDefinition field) {
		List<List<String>> slots = new ArrayList<>();
		for (GraphQLArgument argument : field.getArguments()) {
			collect(argument.getType(), new ArrayList<>(List.of(argument.getName())), slots, 0);
		}
		return slots;
	}

	private static void collect(GraphQLInputType type, List<String> path, List<List<String>> slots, int depth) {
		GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
		if (named instanceof GraphQLScalarType scalar && isText(scalar)) {
			slots.add(List.copyOf(path));
		}
		else if (named instanceof GraphQLInputObjectType input && depth < 3) {
			for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
				path.add(field.getName());
				collect(field.getType(), path, slots, depth + 1);
				path.remove(path.size() - 1);
			}
		}
	}

	private static boolean isText(GraphQLScalarType scalar) {
		return scalar.getName().equals("String") || scalar.getName().equals("ID");
	}

	/**
	 * A request for {@code field} with {@code value} at {@code slot} and plain values for
	 * the required rest.
	 */
	private static Map<String, Object> request(GraphQLSchema schema, GraphQLFieldDefinition field, List<String> slot,
			String value) {
		Map<String, Object> variables = new LinkedHashMap<>();
		List<String> declarations = new ArrayList<>();
		List<String> arguments = new ArrayList<>();
		for (GraphQLArgument argument : field.getArguments()) {
			boolean hostile = argument.getName().equals(slot.get(0));
			if (!hostile && !(argument.getType() instanceof GraphQLNonNull)) {
				continue;
			}
			Object plain = plain(argument.getType());
			variables.put(argument.getName(),
					hostile ? place(argument.getType(), plain, slot.subList(1, slot.size()), value) : plain);
			declarations.add("$" + argument.getName() + ": " + GraphQLTypeUtil.simplePrint(argument.getType()));
			arguments.add(argument.getName() + ": $" + argument.getName());
		}
		String document = "query Hostile" + parenthesised(declarations) + " { " + field.getName()
				+ parenthesised(arguments) + selection(schema, field.getType()) + " }";
		return Map.of("query", document, "variables", variables);
	}

	private static String parenthesised(List<String> items) {
		return items.isEmpty() ? "" : items.stream().collect(Collectors.joining(", ", "(", ")"));
	}

	/**
	 * {@code container} (a plain value of {@code type}) with {@code value} put at
	 * {@code path}.
	 */
	@SuppressWarnings("unchecked")
	private static Object place(GraphQLType type, Object container, List<String> path, String value) {
		GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
		if (unwrapped instanceof GraphQLList list) {
			return List.of(place(list.getWrappedType(), plain(list.getWrappedType()), path, value));
		}
		if (path.isEmpty()) {
			return value;
		}
		GraphQLInputObjectType input = (GraphQLInputObjectType) unwrapped;
		Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) container);
		GraphQLInputObjectField field = input.getField(path.get(0));
		object.put(path.get(0), place(field.getType(), plain(field.getType()), path.subList(1, path.size()), value));
		return object;
	}

	/**
	 * A valid, unremarkable value of a type: required input fields filled, optional ones
	 * left out.
	 */
	private static Object plain(GraphQLType type) {
		GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
		if (unwrapped instanceof GraphQLList list) {
			return List.of(plain(list.getWrappedType()));
		}
		if (unwrapped instanceof GraphQLEnumType enumType) {
			return enumType.getValues().get(0).getName();
		}
		if (unwrapped instanceof GraphQLInputObjectType input) {
			Map<String, Object> object = new LinkedHashMap<>();
			for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
				if (field.getType() instanceof GraphQLNonNull) {
					object.put(field.getName(), plain(field.getType()));
				}
			}
			return object;
		}
		return switch (((GraphQLNamedType) unwrapped).getName()) {
			case "Int" -> 2024;
			case "Float" -> 1.5;
			case "Boolean" -> true;
			case "Date" -> "2024-01-01";
			case "DateTime" -> "2024-01-01T00:00:00Z";
			case "ID" -> "1";
			default -> "P17";
		};
	}

	/** {@code __typename}, and for a connection its count and its nodes' type names. */
	private static String selection(GraphQLSchema schema, GraphQLType type) {
		GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
		if (!(named instanceof GraphQLFieldsContainer container)) {
			return "";
		}
		StringBuilder selection = new StringBuilder(" { __typename");
		if (container.getFieldDefinition("totalCount") != null) {
			selection.append(" totalCount");
		}
		if (container.getFieldDefinition("edges") != null) {
			selection.append(" edges { cursor node { __typename } }");
		}
		return selection.append(" }").toString();
	}

	private Map<String, Long> rows() {
		Map<String, Long> rows = new LinkedHashMap<>();
		for (String table : TABLES) {
			rows.put(table, count(table, "true"));
		}
		return rows;
	}

	private static String preview(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "… (" + text.length() + " chars)" : text;
	}

}
