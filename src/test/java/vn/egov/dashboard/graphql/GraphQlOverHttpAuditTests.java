package vn.egov.dashboard.graphql;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestTools;
import vn.egov.dashboard.system.DataChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GraphQL-over-HTTP audit suite of the npm package {@code graphql-http}
 * ({@code auditServer}, test-tools/audit.mjs) against the running server: every audit
 * passes, the GET audits included, with no warning and no error (issue 21).
 */
class GraphQlOverHttpAuditTests extends IntegrationTests {

	@Autowired
	private JsonMapper json;

	@Autowired
	private ApplicationEventPublisher events;

	/**
	 * The audit's {@code { __typename }} answers stay out of the shared server's response
	 * cache: other tests count how that query is answered.
	 */
	@AfterEach
	void forgetTheAuditsAnswers() {
		this.events.publishEvent(new DataChangedEvent(DataChangedEvent.EVERYTHING, List.of(), true));
	}

	@Test
	void shouldPassEveryAuditOfGraphqlHttp() {
		String printed = TestTools.node("audit.mjs", 120, "http://127.0.0.1:" + this.port + "/graphql");
		JsonNode result = this.json.readTree(printed.lines().reduce((first, last) -> last).orElseThrow());
		List<JsonNode> problems = result.get("problems").valueStream().toList();
		assertThat(problems).as("warnings and errors")
			.filteredOn((problem) -> !problem.get("status").asString().equals("notice"))
			.isEmpty();
		// Notices: what the specification allows (MAY) and this server does otherwise,
		// each
		// documented in docs/embed.md. A number or boolean sent as query or operationName
		// is read as text (Jackson), then refused by GraphQL with 200 and an error.
		assertThat(problems).extracting((problem) -> problem.get("id").asString())
			.containsExactlyInAnyOrder("LKJ1", "LKJ2", "6C01", "6C02");
		assertThat(result.get("audits").asInt()).as("audits run").isEqualTo(61);
		assertThat(result.get("ok").asInt()).isEqualTo(result.get("audits").asInt() - problems.size());
	}

}
