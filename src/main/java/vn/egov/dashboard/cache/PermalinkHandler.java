package vn.egov.dashboard.cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import vn.egov.dashboard.graphql.ErrorBodies;

/**
 * {@code GET /graphql?query=…&variables=…}: a query as a link that browsers and CDNs can
 * cache, as the GraphQL-over-HTTP specification describes GET. The parameters are
 * {@code query}, {@code operationName}, and {@code variables} and {@code extensions} as
 * JSON objects; {@code extensions={"persistedQuery":{"version":1,"sha256Hash":"…"}}}
 * without {@code query} names a persisted query that a client registered before (Apollo's
 * protocol). The request then runs like a POST: the same interceptors, response cache
 * ({@code ETag}, {@code If-None-Match} → 304, {@code Cache-Control}), limits and answer;
 * the answer varies with {@code Accept}, as it says.
 * <p>
 * Only queries: a mutation or subscription over GET is refused with 405 and
 * {@code Allow: POST} before anything runs (a link must never write).
 */
final class PermalinkHandler {

	private final CachedAnswerHttpHandler http;

	private final WebGraphQlHandler handler;

	private final DocumentCache documents;

	private final JsonMapper json;

	PermalinkHandler(CachedAnswerHttpHandler http, WebGraphQlHandler handler, DocumentCache documents,
			JsonMapper json) {
		this.http = http;
		this.handler = handler;
		this.documents = documents;
		this.json = json;
	}

	Mono<ServerResponse> handle(ServerRequest request) {
		SerializableGraphQlRequest body = new SerializableGraphQlRequest();
		Map<String, Object> variables;
		Map<String, Object> extensions;
		try {
			variables = jsonObject(request, "variables");
			extensions = jsonObject(request, "extensions");
		}
		catch (BadParameter ex) {
			return refuse(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.parameter);
		}
		String query = request.queryParam("query").orElseGet(() -> persistedText(extensions));
		if (query == null) {
			return refuse(HttpStatus.BAD_REQUEST, "GET " + request.path() + " needs a query parameter, or extensions "
					+ "naming a persisted query this server knows (register it once with POST)", "query");
		}
		String operationName = request.queryParam("operationName").filter((name) -> !name.isEmpty()).orElse(null);
		if (!readOnly(query, operationName)) {
			return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
				.allow(HttpMethod.POST)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(ErrorBodies.body(
						"Only queries can be sent with GET; send mutations and subscriptions " + "with POST",
						ErrorBodies.extensions(HttpStatus.METHOD_NOT_ALLOWED)));
		}
		body.setQuery(query);
		body.setOperationName(operationName);
		body.setVariables(variables);
		body.setExtensions(extensions);
		WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
				request.cookies(), request.remoteAddress().orElse(null), request.attributes(), body,
				request.exchange().getRequest().getId(), request.exchange().getLocaleContext().getLocale());
		return this.handler.handleRequest(graphQlRequest).flatMap((response) -> {
			response.getResponseHeaders().add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
			return this.http.prepareResponse(request, response);
		});
	}

	/**
	 * The text of the persisted query that {@code extensions} name, if this server knows
	 * it.
	 */
	private @Nullable String persistedText(Map<String, Object> extensions) {
		if (extensions.get("persistedQuery") instanceof Map<?, ?> persisted
				&& persisted.get("sha256Hash") instanceof String hash) {
			return this.documents.persistedText(hash);
		}
		return null;
	}

	/**
	 * Whether the operation that would run is a query; a document that does not parse, or
	 * names no such operation, is left to the engine, which explains why it cannot run it
	 * (and runs nothing).
	 */
	private static boolean readOnly(String query, @Nullable String operationName) {
		Document document;
		try {
			document = Parser.parse(query);
		}
		catch (InvalidSyntaxException ex) {
			return true;
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		Optional<OperationDefinition> chosen = (operationName != null)
				? operations.stream().filter((operation) -> operationName.equals(operation.getName())).findFirst()
				: operations.stream().findFirst().filter((operation) -> operations.size() == 1);
		return chosen.map((operation) -> operation.getOperation() == OperationDefinition.Operation.QUERY).orElse(true);
	}

	/**
	 * The query parameter {@code name} read as a JSON object; absent or empty is an empty
	 * object.
	 */
	private Map<String, Object> jsonObject(ServerRequest request, String name) {
		Optional<String> text = request.queryParam(name).filter((value) -> !value.isEmpty());
		if (text.isEmpty()) {
			return Map.of();
		}
		Object value;
		try {
			value = this.json.readValue(text.get(), Object.class);
		}
		catch (JacksonException ex) {
			throw new BadParameter(name, name + " must be a JSON object; it is not JSON");
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new BadParameter(name, name + " must be a JSON object");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		map.forEach((key, item) -> result.put(String.valueOf(key), item));
		return result;
	}

	private static Mono<ServerResponse> refuse(HttpStatus status, String message, String field) {
		Map<String, Object> extensions = ErrorBodies.extensions(status);
		extensions.put("field", field);
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ErrorBodies.body(message, extensions));
	}

	/** A query parameter that cannot be read. */
	private static final class BadParameter extends RuntimeException {

		private final String parameter;

		BadParameter(String parameter, String message) {
			super(message, null, false, false);
			this.parameter = parameter;
		}

	}

}
