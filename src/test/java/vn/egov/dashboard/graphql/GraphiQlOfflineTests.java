package vn.egov.dashboard.graphql;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL renders in headless Chromium with the network cut off from everything but the
 * server: its scripts and styles are WebJars served here, nothing comes from a CDN (issue
 * 21).
 */
class GraphiQlOfflineTests extends IntegrationTests {

	@Autowired
	private JsonMapper json;

	@Test
	void shouldRenderGraphiQlFromTheServerAlone() {
		String printed = TestTools.node("graphiql-check.mjs", 120, this.json.writeValueAsString(
				Map.of("chromium", TestTools.chromium(), "url", "http://127.0.0.1:" + this.port + "/graphiql")));
		JsonNode result = this.json.readTree(printed.lines().reduce((first, last) -> last).orElseThrow());
		assertThat(result.get("elsewhere").valueStream().map(JsonNode::asString).toList())
			.as("requests to other origins")
			.isEmpty();
		assertThat(result.get("errors").valueStream().map(JsonNode::asString).toList()).as("page errors").isEmpty();
		assertThat(result.get("assets").valueStream().map(JsonNode::asString).toList()).contains(
				"200 /webjars/graphiql/graphiql.min.js", "200 /webjars/graphiql/graphiql.min.css",
				"200 /webjars/react/umd/react.production.min.js",
				"200 /webjars/react-dom/umd/react-dom.production.min.js");
		assertThat(result.get("introspectionStatus").asInt()).isEqualTo(200);
		assertThat(result.get("title").asString()).isEqualTo("GraphiQL · egov-dashboard");
		assertThat(result.get("docs").asString()).contains("agencies", "ranking", "polls");
	}

}
