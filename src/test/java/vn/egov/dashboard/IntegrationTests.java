package vn.egov.dashboard;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("DB_NAME", () -> TestDatabase.NAME);
	}

	/** Rows of a table matching a condition, e.g. {@code count("plan", "agency_code = 'P01'")}. */
	protected long count(String table, String where) {
		Long n = this.db.sql("SELECT count(*) FROM " + table + " WHERE " + where)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		return (n != null) ? n : 0;
	}

}
