package vn.egov.dashboard.compiled;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
		List<SqlJsonType> forms = new ArrayList<>(this.forms);
		forms.add(new SqlJsonType("Agnecy", Map.of("name", sql)));
		forms.add(new SqlJsonType("Agency", Map.of("sucessor", sql)));
		assertThat(SqlFormsCheck.problems(schema, forms, this.java)).containsExactly("no object type Agnecy",
				"Agency has no field sucessor");
	}

	@Test
	void shouldNameAnArgumentTheFormDoesNotReadAndOneTheSchemaDoesNotGive() {
		List<SqlJsonType> forms = this.forms.stream()
			.map((form) -> form.typeName().equals("Query") && form.fields().containsKey("agencies")
					? new SqlJsonType("Query", form.fields(),
							Map.of("agency", Set.of("code", "kode"), "agencies", Set.of("first", "after")))
					: form)
			.toList();
		assertThat(SqlFormsCheck.problems(this.source.schema(), forms, this.java)).containsExactlyInAnyOrder(
				"Query.agency has no argument kode", "Query.agencies: its SQL form does not read the argument filter");
	}

	@Test
	void shouldNameAFieldWithNeitherAFormNorADeclaration() {
		List<SqlJsonType> withoutParent = this.forms.stream()
			.map((form) -> form.typeName().equals("Agency") && form.fields().containsKey("parent")
					? new SqlJsonType("Agency", withoutKey(form.fields(), "parent")) : form)
			.toList();
		assertThat(SqlFormsCheck.problems(this.source.schema(), withoutParent, this.java))
			.containsExactly("Agency.parent has neither a SQL form nor a JavaFields declaration");
	}

	@Test
	void shouldNameAFieldDeclaredBothWaysOrWithoutAReason() {
		List<JavaFields> java = new ArrayList<>(this.java);
		java.add(new JavaFields("Agency", Map.of("parent", "computed in Java", "name", " ")));
		assertThat(SqlFormsCheck.problems(this.source.schema(), this.forms, java)).containsExactlyInAnyOrder(
				"Agency.parent has a SQL form and is declared answered in Java",
				"Agency.name has a SQL form and is declared answered in Java",
				"Agency.name is declared answered in Java without a reason");
	}

	private static Map<String, SqlJsonType.FieldSql> withoutKey(Map<String, SqlJsonType.FieldSql> fields, String key) {
		Map<String, SqlJsonType.FieldSql> copy = new HashMap<>(fields);
		copy.remove(key);
		return copy;
	}

}
