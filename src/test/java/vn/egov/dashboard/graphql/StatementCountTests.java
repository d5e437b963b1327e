package vn.egov.dashboard.graphql;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.r2dbc.autoconfigure.ProxyConnectionFactoryCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the SQL statements a request sends (through r2dbc-proxy): for every nested field
 * of the schema, the number must not grow with the page size: nested fields go through
 * DataLoaders or batch mappings. Queries are sent with compilation off
 * ({@code "extensions": {"compiled": false}}), so that the ordinary path is what is
 * counted; a compiled query is one statement. Runs in a server of its own whose gauges
 * and traffic flusher stay idle, so that only the request's statements count; each
 * request is measured three times and the smallest count kept, in case a background job
 * still ran during one of them. Its response cache is off: the second request would be a
 * hit, of no statements.
 */
@TestPropertySource(properties = { "egov.metrics.refresh-interval=24h", "egov.traffic.flush-interval=1h",
		"egov.cache.responses=0" })
class StatementCountTests extends IntegrationTests {

	private static final AtomicInteger statements = new AtomicInteger();

	/**
	 * Each query's bound is the number of fields in it that read the database (the page,
	 * totalCount, and each nested field backed by a DataLoader or a batch mapping); with
	 * one statement per item, 100 items would need far more.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					agencies  |  8 | { agencies(first: $n) { totalCount edges { node { code successor { code predecessors { code } } predecessors { code successor { code } } parent { code } children { code } } } } }
					documents |  9 | { documents(first: $n) { totalCount edges { node { number basedOn { number citedBy { number } } citedBy { number } tasks { number document { number } reports { agency { code } } } } } } }
					plans     | 15 | { plans(first: $n) { totalCount edges { node { id agency { code successor { code } } guidingDocument { number basedOn { number } } approvingDocument { number } targets { code indicator { code } agency { code } sourceDocument { number } plan { id } progress { agency { code } status } summary { agencies } } } } } }
					scores    |  7 | { agencies(first: $n) { edges { node { code assessments(framework: DTI, year: 2024) { agency { code } round { year scoreCount } total { rank } scores { category { code } score rank } } } } } }
					measures  |  6 | { measurements(indicatorCode: "E_DOC_EXCHANGE", first: $n) { totalCount edges { node { value indicator { code targets { code } } agency { code } corrects { id } } } } }
					""")
	void shouldNotGrowWithThePageSize(String name, int bound, String query) {
		for (int n : new int[] { 2, 50, 100 }) {
			assertThat(count(query.replace("$n", String.valueOf(n)))).as("statements for %d %s", n, name)
				.isLessThanOrEqualTo(bound);
		}
	}

	@Test
	void shouldComputeProgressOfEveryTargetInAFewStatements() {
		// targets, indicator, indicator.targets, agency, sourceDocument, plan,
		// plan.agency,
		// progress (indicators + series), progress.agency: 10 for all 49 targets.
		assertThat(count("""
				{ targets { code indicator { code name targets { code } } agency { code } sourceDocument { number }
				            plan { id agency { code } } progress { agency { code name } latestValue status }
				            summary { agencies achieved } } }""")).isLessThanOrEqualTo(10);
		// Two dates: one series statement each, sharing the indicators statement.
		assertThat(
				count("""
						{ targets { a: progress(asOf: "2019-12-31") { status } b: progress(asOf: "2020-12-31") { status } } }"""))
			.isLessThanOrEqualTo(4);
	}

	@Test
	void shouldResolveIndicatorsAndTheirTargetsInThreeStatements() {
		assertThat(count("{ indicators { code targets { code indicator { code } } } }")).isLessThanOrEqualTo(3);
	}

	/**
	 * A query that compiles to SQL is one statement, whatever it nests (the tests above
	 * count the ordinary path, which every other query takes).
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					agencies | { agencies(first: $n) { totalCount edges { node { code successor { code predecessors { code } } predecessors { code successor { code } } parent { code } children { code } } } } }
					scores   | { agencies(first: $n) { edges { node { code assessments(framework: DTI, year: 2024) { agency { code } total { score } scores { category { code } score } } } } } }
					measures | { measurements(indicatorCode: "E_DOC_EXCHANGE", first: $n) { totalCount edges { node { value indicator { code targets { code } } agency { code } corrects { id } } } } }
					plans    | { plans(first: $n) { totalCount edges { node { id agency { code successor { code } } targets { code indicator { code } agency { code } plan { id } } } } } }
					""")
	void shouldAnswerACompiledQueryInOneStatement(String name, String query) {
		for (int n : new int[] { 2, 100 }) {
			assertThat(count(query.replace("$n", String.valueOf(n)), true)).as("statements for %d %s", n, name)
				.isEqualTo(1);
		}
	}

	private int count(String query) {
		return count(query, false);
	}

	private int count(String query, boolean compiled) {
		return Math.min(countOnce(query, compiled), Math.min(countOnce(query, compiled), countOnce(query, compiled)));
	}

	private int countOnce(String query, boolean compiled) {
		awaitQuiet();
		statements.set(0);
		var request = this.graphQl.document(query);
		(compiled ? request : request.extension("compiled", false)).execute().errors().verify();
		return statements.get();
	}

	/**
	 * Waits (at most 10 s, else fails) until no statement has started for 100 ms: the
	 * server's start-up jobs (site codes, gauges) run once more after the context is up,
	 * and their statements must not count as a request's.
	 */
	private static void awaitQuiet() {
		statements.set(0);
		Awaitility.await("no statement started for 100 ms")
			.atMost(Duration.ofSeconds(10))
			.pollDelay(Duration.ofMillis(100))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> statements.getAndSet(0) == 0);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class CountingConfiguration {

		@Bean
		ProxyConnectionFactoryCustomizer countStatements() {
			return (builder) -> builder.listener(new ProxyExecutionListener() {
				@Override
				public void beforeQuery(QueryExecutionInfo execution) {
					// Before, not after: r2dbc-proxy reports the end of a statement once
					// per result signal, and a large
					// result (a page of 100 agencies as one JSON text) ended three times.
					statements.addAndGet(execution.getQueries().size());
				}
			});
		}

	}

}
