package vn.egov.dashboard.compiled;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import vn.egov.dashboard.IntegrationTests;

/**
 * A compiled statement that fails for a reason other than an unreachable database (here:
 * a SQL form that divides by zero, standing for a bug in one) does not fail the request:
 * it is answered field by field.
 */
class CompiledFallbackTests extends IntegrationTests {

	@Test
	void shouldAnswerFieldByFieldWhenTheStatementFails() {
		this.graphQl.document("{ assessmentRound(framework: DTI, year: 2024) { year importedAt } }")
			.execute()
			.path("assessmentRound.year")
			.entity(Integer.class)
			.isEqualTo(2024);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class BrokenSql {

		/**
		 * {@code AssessmentRound.importedAt} has no SQL form of its own: this one fails
		 * when it runs.
		 */
		@Bean
		SqlJsonType brokenRound() {
			return new SqlJsonType("AssessmentRound", Map.of("importedAt", (field, row) -> "(1 / 0)::text"));
		}

	}

}
