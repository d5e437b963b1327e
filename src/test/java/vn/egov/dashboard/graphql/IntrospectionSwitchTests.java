package vn.egov.dashboard.graphql;

import java.time.Duration;

import graphql.introspection.Introspection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Introspection and GraphiQL are on by default (LimitsTests runs GraphiQL's introspection
 * query) and off with {@code spring.graphql.schema.introspection.enabled=false} and
 * {@code spring.graphql.graphiql.enabled=false}. Boot applies the first JVM-wide
 * ({@link Introspection#enabledJvmWide}) when a server starts, so this class has a server
 * of its own and switches introspection back on for the servers of the other tests when
 * it is done.
 */
@TestPropertySource(
		properties = { "spring.graphql.schema.introspection.enabled=false", "spring.graphql.graphiql.enabled=false" })
class IntrospectionSwitchTests extends IntegrationTests {

	@AfterAll
	static void switchIntrospectionBackOn() {
		Introspection.enabledJvmWide(true);
	}

	@Test
	void shouldRefuseIntrospectionWhenSwitchedOff() {
		this.graphQl.document("{ __schema { queryType { name } } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getErrorType().toString()).isEqualTo("IntrospectionDisabled")))
			.path("__schema")
			.pathDoesNotExist();
		this.graphQl.document("{ __type(name: \"Agency\") { name } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).isNotEmpty());
		// The API itself still answers.
		this.graphQl.document("{ agency(code: \"P17\") { name } }")
			.execute()
			.path("agency.name")
			.entity(String.class)
			.isEqualTo("Hòa Bình");
	}

	@Test
	void shouldNotServeGraphiqlWhenSwitchedOff() {
		int status = WebClient.create("http://localhost:" + this.port + "/graphiql")
			.get()
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(15));
		assertThat(status).isEqualTo(404);
	}

}
