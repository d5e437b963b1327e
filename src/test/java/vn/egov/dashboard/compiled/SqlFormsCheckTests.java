package vn.egov.dashboard.compiled;

import java.util.List;
import java.util.Map;

import graphql.schema.GraphQLSchema;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up check of the SQL forms against the schema: the server's own forms pass (it
 * started), and misspelt ones are named.
 */
class SqlFormsCheckTests extends IntegrationTests {

	@Autowired
	private GraphQlSource source;

	@Autowired
	private List<SqlJsonType> forms;

	@Autowired
	private List<JavaFields> java;

	@Test
	void shouldFindEveryFormOfTheServerInTheSchema() {
		assertThat(this.forms).isNotEmpty();
		assertThat(SqlFormsCheck.problems(this.source.schema(), this.forms, this.java)).isEmpty();
	}

	@Test
	void shouldNameAMisspeltTypeAndField() {
		GraphQLSchema schema = this.source.schema();
		SqlJsonType.FieldSql sql = (field, row) -> "NULL";
		var problems = SqlFormsCheck.problems(schema, List.of(new SqlJsonType("Agnecy", Map.of("name", sql)),
				new SqlJsonType("Agency", Map.of("name", sql, "sucessor", sql))), this.java);
		assertThat(problems).containsExactly("no object type Agnecy", "Agency has no field sucessor");
	}

}
