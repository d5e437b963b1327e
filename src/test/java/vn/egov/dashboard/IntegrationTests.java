package vn.egov.dashboard;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.client.HttpGraphQlClient;
import org.springframework.graphql.support.ResourceDocumentSource;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.security.Role;

/**
 * Base of the tests that run the whole server on a random port, with the demo data, on
 * this run's own {@link TestDatabase}, and talk to it over HTTP as clients do. All such
 * tests share one server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureHttpGraphQlTester
public abstract class IntegrationTests {

	@Autowired
	protected HttpGraphQlTester graphQl;

	@Autowired
	protected DatabaseClient db;

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("DB_NAME", () -> TestDatabase.NAME);
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
				() -> "file:" + TestTokens.PUBLIC_KEY);
	}

	/**
	 * The tester signed in (with a JWT of this run's issuer) as {@code role}, of
	 * {@code agency} for an editor.
	 */
	protected HttpGraphQlTester as(Role role, @Nullable String agency) {
		String subject = role.name().toLowerCase(java.util.Locale.ROOT) + ((agency != null) ? "-" + agency : "");
		return this.graphQl.mutate()
			.headers((headers) -> headers.setBearerAuth(TestTokens.token(subject, role, agency)))
			.build();
	}

	/** The tester signed in as an ADMIN. */
	protected HttpGraphQlTester asAdmin() {
		return as(Role.ADMIN, null);
	}

	/** The tester signed in as the AGENCY_EDITOR of {@code agency}. */
	protected HttpGraphQlTester asEditorOf(String agency) {
		return as(Role.AGENCY_EDITOR, agency);
	}

	/**
	 * A reactive client of the same server, for requests that must run concurrently; it
	 * reads the same documents as {@link #graphQl}.
	 */
	protected HttpGraphQlClient reactiveClient() {
		return reactiveClient(WebClient.builder());
	}

	/** A reactive client signed in as an ADMIN, for concurrent writes. */
	protected HttpGraphQlClient reactiveAdminClient() {
		return reactiveClient(WebClient.builder()
			.defaultHeaders((headers) -> headers.setBearerAuth(TestTokens.token("admin", Role.ADMIN, null))));
	}

	private HttpGraphQlClient reactiveClient(WebClient.Builder web) {
		return HttpGraphQlClient.builder(web.baseUrl("http://localhost:" + this.port + "/graphql").build())
			.documentSource(new ResourceDocumentSource(List.of(new ClassPathResource("graphql-test/")),
					ResourceDocumentSource.FILE_EXTENSIONS))
			.build();
	}

	/**
	 * Rows of a table matching a condition, e.g.
	 * {@code count("plan", "agency_code = 'P01'")}: proof that nothing was written.
	 */
	protected long count(String table, String where) {
		Long n = this.db.sql("SELECT count(*) FROM " + table + " WHERE " + where)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		return (n != null) ? n : 0;
	}

	/** The response failed with exactly one BAD_REQUEST error about {@code field}. */
	protected static void expectBadRequest(GraphQlTester.Response response, String field) {
		response.errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST")
					&& field.equals(e.getExtensions().get("field")))
			.verify();
	}

	/** The response failed with exactly one NOT_FOUND error saying {@code message}. */
	protected static void expectNotFound(GraphQlTester.Response response, String message) {
		response.errors()
			.expect((e) -> e.getErrorType().toString().equals("NOT_FOUND") && e.getMessage().equals(message))
			.verify();
	}

}
