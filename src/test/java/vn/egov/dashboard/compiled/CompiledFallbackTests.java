package vn.egov.dashboard.compiled;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
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
		this.graphQl.document("{ assessmentRound(framework: DTI, year: 2024) { year framework } }")
			.execute()
			.path("assessmentRound.year")
			.entity(Integer.class)
			.isEqualTo(2024)
			.path("assessmentRound.framework")
			.entity(String.class)
			.isEqualTo("DTI");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class BrokenSql {

		/**
		 * The SQL form of {@code AssessmentRound.year}, replaced by one that fails when
		 * it runs.
		 */
		@Bean
		static BeanPostProcessor brokenRoundYear() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof SqlJsonType type && type.typeName().equals("AssessmentRound")
							&& type.fields().containsKey("year")) {
						Map<String, SqlJsonType.FieldSql> fields = new HashMap<>(type.fields());
						fields.put("year", (field, row) -> "(1 / 0)::text");
						return new SqlJsonType(type.typeName(), fields);
					}
					return bean;
				}

			};
		}

	}

}
