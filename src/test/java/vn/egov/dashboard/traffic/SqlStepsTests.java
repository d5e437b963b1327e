package vn.egov.dashboard.traffic;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Splitting demo-data scripts into named steps and statements.
 */
class SqlStepsTests {

	@Test
	void shouldSplitStepsAndStatementsAndDropComments() {
		List<SqlSteps.Step> steps = SqlSteps.steps("""
				-- a header that belongs to no step
				-- step: first
				-- what it does
				INSERT INTO a VALUES (1);
				INSERT INTO a
				  VALUES (2);

				-- step: second
				UPDATE a SET x = 'it''s; fine' WHERE y = 1;
				""");
		assertThat(steps).extracting(SqlSteps.Step::name).containsExactly("first", "second");
		assertThat(steps.get(0).statements()).containsExactly("INSERT INTO a VALUES (1)",
				"INSERT INTO a\n  VALUES (2)");
		assertThat(steps.get(1).statements()).containsExactly("UPDATE a SET x = 'it''s; fine' WHERE y = 1");
	}

	@Test
	void shouldReadTheShippedScripts() {
		for (String script : List.of("demo/traffic/traffic.sql", "demo/poll/poll.sql")) {
			List<SqlSteps.Step> steps = SqlSteps.steps(read(script));
			assertThat(steps).as(script).isNotEmpty();
			assertThat(steps).allSatisfy((step) -> assertThat(step.statements()).as(step.name()).isNotEmpty());
		}
	}

	private static String read(String resource) {
		try {
			return new org.springframework.core.io.ClassPathResource(resource)
				.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
