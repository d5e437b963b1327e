package vn.egov.dashboard;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.http.HttpHeaders;

/**
 * GraphQL requests as Spring's HTTP handler hands them to the interceptors, for tests
 * that drive an interceptor directly (a timing a client over the network cannot force).
 */
public final class TestRequests {

	private TestRequests() {
	}

	/** A POST of {@code query} to /graphql with no header, cookie or credential. */
	public static WebGraphQlRequest anonymous(String query) {
		return new WebGraphQlRequest(URI.create("http://localhost/graphql"), new HttpHeaders(), null, null,
				new HashMap<>(), Map.of("query", query), "1", null);
	}

}
