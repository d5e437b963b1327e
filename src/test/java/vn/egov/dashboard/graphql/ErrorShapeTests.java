package vn.egov.dashboard.graphql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error status the server answers from its own code, on every endpoint, has one
 * shape: {@code {"errors":[{"message":…,"extensions":{"classification":…}}]}} as JSON,
 * never an empty body or Boot's error page, and a client error leaves no stack trace in
 * the log (issue 18, item 12). 429 is proven by RateLimitTests, 413 of {@code /graphql}
 * by RequestBodiesTests, and 503 by DatabaseOutageTests.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorShapeTests extends IntegrationTests {

	@Autowired
	private JsonMapper json;

	private record Call(HttpMethod method, String path, String contentType, String accept, String body,
			String authorization) {

		static Call of(HttpMethod method, String path) {
			return new Call(method, path, null, null, null, null);
		}

		Call content(String type, String text) {
			return new Call(this.method, this.path, type, this.accept, text, this.authorization);
		}

		Call accepting(String type) {
			return new Call(this.method, this.path, this.contentType, type, this.body, this.authorization);
		}

		Call as(String header) {
			return new Call(this.method, this.path, this.contentType, this.accept, this.body, header);
		}

	}

	private record Expected(Call call, int status, String classification, String message) {
	}

	@Test
	void shouldAnswerEveryErrorStatusWithAGraphQlShapedBody(CapturedOutput output) {
		String editor = "Bearer " + TestTokens.token("editor", Role.AGENCY_EDITOR, "P01");
		String query = "{\"query\":\"{ agency(code: \\\"P01\\\") { name } }\"}";
		List<Expected> cases = List.of(
				// gh-18: these 415 answers had an empty body.
				new Expected(Call.of(HttpMethod.POST, "/graphql").content("text/plain", query), 415, "BAD_REQUEST",
						"Unsupported Content-Type text/plain; send application/json"),
				new Expected(
						Call.of(HttpMethod.POST, "/graphql").content("application/json", query).accepting("image/png"),
						415, "BAD_REQUEST", "Unsupported Content-Type application/json; send application/json"),
				new Expected(Call.of(HttpMethod.POST, "/assessments/DTI/2024/scores")
					.content("application/xml", "<x/>")
					.as(editor), 415, "BAD_REQUEST", "Unsupported Content-Type application/xml; send "),
				// GET takes queries (permalinks: cache.PermalinkTests), not an empty
				// request.
				new Expected(Call.of(HttpMethod.GET, "/graphql"), 400, "BAD_REQUEST",
						"GET /graphql needs a query parameter, or extensions naming a persisted query this server "
								+ "knows (register it once with POST)"),
				new Expected(Call.of(HttpMethod.GET, "/api/hits"), 405, "BAD_REQUEST",
						"Method GET is not allowed here; use POST"),
				new Expected(Call.of(HttpMethod.PUT, "/api/hits").content("application/json", "{}"), 405, "BAD_REQUEST",
						"Method PUT is not allowed here; use POST"),
				new Expected(Call.of(HttpMethod.GET, "/assessments/DTI/2024/scores"), 405, "BAD_REQUEST",
						"Method GET is not allowed here; use POST"),
				new Expected(Call.of(HttpMethod.GET, "/nope"), 404, "NOT_FOUND",
						"Not found: nothing answers GET at this path; the API is POST /graphql"),
				new Expected(Call.of(HttpMethod.DELETE, "/graphql"), 404, "NOT_FOUND",
						"Not found: nothing answers DELETE"),
				new Expected(Call.of(HttpMethod.GET, "/actuator/nope"), 404, "NOT_FOUND", "Not found"),
				new Expected(
						Call.of(HttpMethod.POST, "/assessments/NOPE/2024/scores").content("text/csv", "x").as(editor),
						400, "BAD_REQUEST", "The request is malformed"),
				new Expected(Call.of(HttpMethod.POST, "/api/hits").content("application/json", "{not json"), 400,
						"BAD_REQUEST", "the body is not valid JSON"),
				new Expected(Call.of(HttpMethod.POST, "/graphql").content("application/json", ""), 400, "BAD_REQUEST",
						"The body must be a JSON object"),
				new Expected(Call.of(HttpMethod.POST, "/graphql").content("application/json", query).as("Bearer x.y.z"),
						401, "UNAUTHORIZED", "Not signed in: "),
				new Expected(Call.of(HttpMethod.POST, "/assessments/DTI/2024/scores").content("text/csv", "x"), 401,
						"UNAUTHORIZED", "Not signed in: "),
				new Expected(
						Call.of(HttpMethod.POST, "/assessments/DTI/2024/scores").content("text/csv", "x").as(editor),
						403, "FORBIDDEN", "Forbidden: importing scores needs role ADMIN or ANALYST"),
				new Expected(
						Call.of(HttpMethod.POST, "/api/hits")
							.content("application/json",
									"[" + "{\"site\":\"CDSQG\",\"path\":\"/\"},".repeat(100)
											+ "{\"site\":\"CDSQG\",\"path\":\"/\"}]"),
						413, "BAD_REQUEST", "at most 100 hits per request, got 101"));
		List<String> problems = new ArrayList<>();
		for (Expected expected : cases) {
			Answer answer = send(expected.call());
			String problem = problem(expected, answer);
			if (problem != null) {
				problems.add(expected.call().method() + " " + expected.call().path() + ": " + problem);
			}
		}
		assertThat(problems).isEmpty();
		assertThat(output.getAll()).as("the server's log while refusing clients").doesNotContain("\tat ");
	}

	@Test
	void shouldAnswerAMalformedMultipartFormWith400() {
		// gh-18 (item 7): answered 500; its log is checked by the test above.
		Expected expected = new Expected(
				Call.of(HttpMethod.POST, "/assessments/DTI/2024/scores")
					.content("multipart/form-data; boundary=XYZ",
							"--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc"),
				400, "BAD_REQUEST", "The request is malformed");
		assertThat(problem(expected, send(expected.call()))).isNull();
	}

	/**
	 * Malformed bodies and content types on every endpoint (gh-18, item 7: a malformed
	 * multipart upload answered 500 with 317 log lines, {@code application/graphql} on
	 * {@code /graphql} 174 ERROR lines): each a 4xx in the one error shape, and at most
	 * one line of log, never a stack trace.
	 */
	@Test
	void shouldAnswerMalformedBodiesWithA4xxAndAtMostOneLogLine(CapturedOutput output) {
		String analyst = "Bearer " + TestTokens.token("analyst", Role.ANALYST, null);
		String multipart = "multipart/form-data; boundary=XYZ";
		List<Call> calls = List.of(
				Call.of(HttpMethod.POST, "/assessments/DTI/2024/scores")
					.content(multipart,
							"--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc")
					.as(analyst),
				Call.of(HttpMethod.POST, "/assessments/DTI/2024/scores").content(multipart, "garbage").as(analyst),
				Call.of(HttpMethod.POST, "/assessments/DTI/2024/scores")
					.content("multipart/form-data", "--\r\n")
					.as(analyst),
				Call.of(HttpMethod.POST, "/graphql").content("application/graphql", "{ agencies { totalCount } }"),
				Call.of(HttpMethod.POST, "/graphql").content(multipart, "--XYZ\r\n\r\n{"),
				Call.of(HttpMethod.POST, "/graphql").content("application/json", "{\"query\":"),
				Call.of(HttpMethod.POST, "/graphql").content("application/json", "[1,2,3]"),
				Call.of(HttpMethod.POST, "/graphql")
					.content("application/json", "{\"query\":\"{ a }\",\"variables\":7}"),
				Call.of(HttpMethod.POST, "/graphql").content("application/x-www-form-urlencoded", "query=%7B"),
				Call.of(HttpMethod.POST, "/api/hits").content("application/json", "\u0000\u00ff"),
				Call.of(HttpMethod.POST, "/api/hits").content("application/xml", "<hit/>"),
				Call.of(HttpMethod.POST, "/api/hits").content(multipart, "--XYZ--"),
				Call.of(HttpMethod.POST, "/api/hits").content("application/json", "[{\"site\":"));
		List<String> problems = new ArrayList<>();
		for (Call call : calls) {
			int before = output.getAll().length();
			Answer answer = send(call);
			String log = output.getAll().substring(before);
			String what = call.method() + " " + call.path() + " " + call.contentType() + ": ";
			if (answer.status() < 400 || answer.status() >= 500) {
				problems.add(what + "status " + answer.status() + " " + answer.body());
			}
			else {
				String problem = problem(new Expected(call, answer.status(), "BAD_REQUEST", ""), answer);
				if (problem != null) {
					problems.add(what + problem);
				}
			}
			if (log.lines().count() > 1 || log.contains("\tat ")) {
				problems.add(what + log.lines().count() + " lines of log: " + log);
			}
		}
		assertThat(problems).isEmpty();
	}

	private record Answer(int status, HttpHeaders headers, String body) {
	}

	private Answer send(Call call) {
		WebClient.RequestBodySpec request = WebClient.create("http://localhost:" + this.port)
			.method(call.method())
			.uri(call.path());
		if (call.contentType() != null) {
			request.header(HttpHeaders.CONTENT_TYPE, call.contentType());
		}
		if (call.accept() != null) {
			request.header(HttpHeaders.ACCEPT, call.accept());
		}
		if (call.authorization() != null) {
			request.header(HttpHeaders.AUTHORIZATION, call.authorization());
		}
		WebClient.RequestHeadersSpec<?> ready = (call.body() != null) ? request.bodyValue(call.body()) : request;
		return ready
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new Answer(response.statusCode().value(), response.headers().asHttpHeaders(), body)))
			.block(Duration.ofSeconds(30));
	}

	/** What is wrong with an answer, or null. */
	private String problem(Expected expected, Answer answer) {
		if (answer.status() != expected.status()) {
			return "status " + answer.status() + ", expected " + expected.status() + ": " + answer.body();
		}
		if (answer.headers().getContentType() == null
				|| !answer.headers().getContentType().toString().startsWith("application/json")) {
			return "Content-Type " + answer.headers().getContentType() + ": " + answer.body();
		}
		Map<?, ?> body;
		try {
			body = this.json.readValue(answer.body(), Map.class);
		}
		catch (RuntimeException ex) {
			return "not JSON: '" + answer.body() + "'";
		}
		if (!(body.get("errors") instanceof List<?> errors) || errors.isEmpty()
				|| !(errors.get(0) instanceof Map<?, ?> error)) {
			return "no errors: " + answer.body();
		}
		if (!body.keySet().stream().allMatch((key) -> key.equals("errors") || key.equals("data"))) {
			return "members other than errors and data: " + answer.body();
		}
		if (!(error.get("message") instanceof String message) || !message.startsWith(expected.message())) {
			return "message " + error.get("message") + ", expected " + expected.message() + "…";
		}
		if (!(error.get("extensions") instanceof Map<?, ?> extensions)
				|| !expected.classification().equals(extensions.get("classification"))) {
			return "extensions " + error.get("extensions") + ", expected " + expected.classification();
		}
		for (String leak : List.of("java.", "Exception", "springframework", "timestamp")) {
			if (answer.body().contains(leak)) {
				return "leaks " + leak + ": " + answer.body();
			}
		}
		return null;
	}

}
