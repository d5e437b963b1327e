package vn.egov.dashboard.visitor;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Visitor cookies as a browser gets them: from the server, on the answer to a request
 * that had none.
 */
public final class TestVisitors {

	private TestVisitors() {
	}

	/**
	 * A visitor cookie the server at {@code port} issued: the value of the
	 * {@code egov_vid} cookie it sets on a GraphQL answer. The query is new each time (an
	 * alias of its own), because answers from the response cache set no cookie.
	 */
	public static String cookie(int port) {
		String alias = "v" + UUID.randomUUID().toString().replace("-", "");
		ResponseCookie cookie = WebClient.create("http://127.0.0.1:" + port + "/graphql")
			.post()
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ " + alias + ": __typename }"))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.cookies().getFirst("egov_vid")))
			.block(Duration.ofSeconds(10));
		if (cookie == null || cookie.getValue().isEmpty()) {
			throw new AssertionError("the server set no visitor cookie");
		}
		return cookie.getValue();
	}

}
