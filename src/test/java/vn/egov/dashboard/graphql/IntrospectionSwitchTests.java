package vn.egov.dashboard.graphql;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.web.reactive.function.client.WebClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.RestrictedServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Introspection and GraphiQL are on by default (LimitsTests runs GraphiQL's introspection query) and off with
 * {@code spring.graphql.schema.introspection.enabled=false} and {@code spring.graphql.graphiql.enabled=false}.
 */
@RestrictedServer
class IntrospectionSwitchTests extends IntegrationTests {

	@Test
	void shouldRefuseIntrospectionWhenSwitchedOff() {
		HttpGraphQlTester client = this.graphQl.mutate().header("X-Forwarded-For", "198.51.100.40").build();
		client.document("{ __schema { queryType { name } } }").execute().errors().satisfy((errors) -> assertThat(errors)
			.isNotEmpty()).path("__schema").pathDoesNotExist();
		client.document("{ __type(name: \"Agency\") { name } }").execute().errors().satisfy((errors) -> assertThat(errors)
			.isNotEmpty());
		// The API itself still answers.
		client.document("{ agency(code: \"P17\") { name } }").execute().path("agency.name").entity(String.class).isEqualTo(
				"Hòa Bình");
	}

	@Test
	void shouldNotServeGraphiqlWhenSwitchedOff() {
		int status = WebClient.create("http://localhost:" + this.port + "/graphiql")
			.get()
			.header("X-Forwarded-For", "198.51.100.41")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(15));
		assertThat(status).isEqualTo(404);
	}

}
