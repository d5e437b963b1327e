package vn.egov.dashboard;

import java.util.List;

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

/**
 * Base of the tests that run the whole server on a random port, with the demo data, on this run's own
 * {@link TestDatabase}, and talk to it over HTTP as clients do. All such tests share one server.
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
	}

	/**
	 * A reactive client of the same server, for requests that must run concurrently; it reads the same
	 * documents as {@link #graphQl}.
	 */
	protected HttpGraphQlClient reactiveClient() {
		return HttpGraphQlClient.builder(WebClient.create("http://localhost:" + this.port + "/graphql"))
			.documentSource(new ResourceDocumentSource(List.of(new ClassPathResource("graphql-test/")),
					ResourceDocumentSource.FILE_EXTENSIONS))
			.build();
	}

	/** Rows of a table matching a condition, e.g. {@code count("plan", "agency_code = 'P01'")}: proof that nothing was written. */
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
