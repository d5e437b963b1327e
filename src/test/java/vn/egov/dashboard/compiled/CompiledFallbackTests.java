package vn.egov.dashboard.compiled;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compiled statement that fails for a reason other than an unreachable database (here:
 * a SQL form that divides by zero, standing for a bug in one) does not fail the request:
 * it is answered field by field. So is a query whose compiled answer would be wrong: a
 * form that answers NULL for a non-null field, reads an argument it does not declare, or
 * leaves one of the query unread. Each broken form below answers wrongly when it is used,
 * so each test fails unless the query took the ordinary path.
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

	@Test
	void shouldAnswerFieldByFieldWhenANonNullFieldsFormAnswersNull() {
		this.graphQl.document("{ assessmentRound(framework: DTI, year: 2023) { blocks { block agencyCount } } }")
			.execute()
			.path("assessmentRound.blocks[*].block")
			.entityList(String.class)
			.containsExactly("PROVINCES", "MINISTRIES_WITH_PUBLIC_SERVICES", "MINISTRIES_WITHOUT_PUBLIC_SERVICES",
					"NATIONAL");
	}

	@Test
	void shouldAnswerFieldByFieldWhenAFormReadsAnArgumentItDoesNotDeclare() {
		this.graphQl.document("{ assessmentFrameworks { code } }")
			.execute()
			.path("assessmentFrameworks[*].code")
			.entityList(String.class)
			.containsExactly("ICT_APPLICATION", "VIETNAM_ICT_INDEX", "DTI");
	}

	@Test
	void shouldAnswerFieldByFieldWhenAFormLeavesAnArgumentUnread() {
		List<String> frameworks = this.graphQl
			.document("{ assessmentRounds(framework: VIETNAM_ICT_INDEX) { framework } }")
			.execute()
			.path("assessmentRounds[*].framework")
			.entityList(String.class)
			.get();
		assertThat(frameworks).containsOnly("VIETNAM_ICT_INDEX")
			.hasSize((int) count("assessment_round", "framework = 'VIETNAM_ICT_INDEX'"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class BrokenSql {

		/**
		 * Broken SQL forms: {@code AssessmentRound.year} fails when it runs,
		 * {@code RoundBlock.block} answers NULL; {@code assessmentFrameworks} reads an
		 * argument it does not have and answers no framework; {@code assessmentRounds}
		 * declares its argument {@code framework} but answers every round.
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
					if (bean instanceof SqlJsonType type && type.typeName().equals("RoundBlock")) {
						Map<String, SqlJsonType.FieldSql> fields = new HashMap<>(type.fields());
						fields.put("block", (field, row) -> "NULL");
						return new SqlJsonType(type.typeName(), fields);
					}
					if (bean instanceof SqlJsonType type && type.typeName().equals("Query")
							&& type.fields().containsKey("assessmentRounds")) {
						Map<String, SqlJsonType.FieldSql> fields = new HashMap<>(type.fields());
						fields.put("assessmentFrameworks", (field, row) -> {
							field.argument("framework");
							return "'[]'";
						});
						fields.put("assessmentRounds", (field, row) -> {
							String round = field.alias();
							return SqlJson.list(field.object("AssessmentRound", round),
									"FROM assessment_round " + round, round + ".id");
						});
						return new SqlJsonType(type.typeName(), fields,
								Map.of("assessmentRounds", Set.of("framework")));
					}
					return bean;
				}

			};
		}

	}

}
