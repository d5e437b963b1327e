package vn.egov.dashboard.embed;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages of the registered sites' origins and of configured origins may call the API from
 * the browser, over HTTP and WebSocket alike; pages of any other origin are refused
 * before anything runs (issue 21).
 */
class CorsTests extends IntegrationTests {

	private static final String UNKNOWN = "https://phishing.example.com";

	@Autowired
	private AllowedOrigins origins;

	private WebTestClient http;

	private String portal;

	@BeforeEach
	void registerAPortal() {
		this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		String code = "E" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
		this.portal = "https://" + code.toLowerCase() + ".portal.gov.vn";
		this.db.sql("INSERT INTO site (code, name, base_url) VALUES (:code, 'Embedding portal', :url)")
			.bind("code", code)
			.bind("url", this.portal + "/tin-tuc/trang-chu")
			.then()
			.block();
		this.origins.refresh().block();
	}

	@Test
	void shouldAnswerAPreflightFromARegisteredPortal() {
		EntityExchangeResult<byte[]> preflight = preflight(this.portal);
		assertThat(preflight.getStatus().value()).isEqualTo(200);
		HttpHeaders headers = preflight.getResponseHeaders();
		assertThat(headers.getAccessControlAllowOrigin()).isEqualTo(this.portal);
		assertThat(headers.getAccessControlAllowCredentials()).isTrue();
		assertThat(headers.getAccessControlAllowMethods()).containsExactly(HttpMethod.GET, HttpMethod.POST);
		assertThat(headers.getAccessControlAllowHeaders()).containsExactly("content-type");
		assertThat(headers.getAccessControlMaxAge()).isEqualTo(3600);
	}

	@Test
	void shouldAnswerTheRequestOfARegisteredPortalAndAConfiguredOrigin() {
		for (String origin : new String[] { this.portal, "https://newsroom.example.org" }) {
			EntityExchangeResult<String> answer = post(origin, "{ agency(code: \"P79\") { name } }");
			assertThat(answer.getStatus().value()).isEqualTo(200);
			assertThat(answer.getResponseBody()).isEqualTo("{\"data\":{\"agency\":{\"name\":\"Hồ Chí Minh\"}}}");
			assertThat(answer.getResponseHeaders().getAccessControlAllowOrigin()).isEqualTo(origin);
			assertThat(answer.getResponseHeaders().getAccessControlAllowCredentials()).isTrue();
			assertThat(answer.getResponseHeaders().getAccessControlExposeHeaders()).contains("ETag", "X-Cache");
			assertThat(answer.getResponseHeaders().getVary()).contains("Origin");
		}
	}

	@Test
	void shouldRefuseAnUnknownOriginBeforeAnythingRuns() {
		EntityExchangeResult<byte[]> preflight = preflight(UNKNOWN);
		assertThat(preflight.getStatus().value()).isEqualTo(403);
		assertThat(preflight.getResponseHeaders().getAccessControlAllowOrigin()).isNull();
		long votes = count("poll_vote", "true");
		EntityExchangeResult<String> vote = post(UNKNOWN,
				"mutation { castVote(pollId: \"1\", optionId: \"1\") { totalVotes } }");
		assertThat(vote.getStatus().value()).isEqualTo(403);
		assertThat(vote.getResponseHeaders().getAccessControlAllowOrigin()).isNull();
		assertThat(vote.getResponseBody()).isEqualTo("{\"errors\":[{\"message\":\"Forbidden\",\"extensions\":"
				+ "{\"classification\":\"FORBIDDEN\",\"status\":403}}]}");
		assertThat(count("poll_vote", "true")).isEqualTo(votes);
		// An origin is the scheme, host and port: the portal's host over http, or on
		// another port, is another origin.
		assertThat(preflight(this.portal.replace("https:", "http:")).getStatus().value()).isEqualTo(403);
		assertThat(preflight(this.portal + ":8443").getStatus().value()).isEqualTo(403);
	}

	@Test
	void shouldLetRequestsWithoutAnOriginAndFromTheServersOwnPagesThrough() {
		EntityExchangeResult<String> own = post("http://localhost:" + this.port, "{ agency(code: \"P01\") { code } }");
		assertThat(own.getStatus().value()).isEqualTo(200);
		assertThat(own.getResponseHeaders().getAccessControlAllowOrigin()).isNull();
	}

	@Test
	void shouldApplyTheSameRuleToWebSocketHandshakes() {
		WebSocketGraphQlTester allowed = webSocket(this.portal);
		allowed.document("{ agency(code: \"P66\") { name } }")
			.execute()
			.path("agency.name")
			.entity(String.class)
			.isEqualTo("Đắk Lắk");
		allowed.stop().block(Duration.ofSeconds(10));
		StepVerifier
			.create(webSocket(UNKNOWN).document("{ agency(code: \"P66\") { name } }").executeSubscription().toFlux())
			.expectErrorSatisfies((error) -> assertThat(error).hasStackTraceContaining("403"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void shouldAllowTheBeaconFromARegisteredPortalOnly() {
		String code = this.portal.substring("https://".length(), this.portal.indexOf('.')).toUpperCase();
		EntityExchangeResult<byte[]> hit = this.http.post()
			.uri("/api/hits")
			.header(HttpHeaders.ORIGIN, this.portal)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("site", code, "path", "/tin-tuc/1"))
			.exchange()
			.expectBody()
			.returnResult();
		assertThat(hit.getStatus().value()).isEqualTo(202);
		assertThat(hit.getResponseHeaders().getAccessControlAllowOrigin()).isEqualTo(this.portal);
		assertThat(this.http.post()
			.uri("/api/hits")
			.header(HttpHeaders.ORIGIN, UNKNOWN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("site", code, "path", "/tin-tuc/1"))
			.exchange()
			.expectBody()
			.returnResult()
			.getStatus()
			.value()).isEqualTo(403);
	}

	@Test
	void shouldReadTheOriginOfAUrlAsBrowsersWriteIt() {
		assertThat(AllowedOrigins.origin("https://HaNoi.gov.vn/tin-tuc?x=1")).isEqualTo("https://hanoi.gov.vn");
		assertThat(AllowedOrigins.origin("https://hanoi.gov.vn:443/")).isEqualTo("https://hanoi.gov.vn");
		assertThat(AllowedOrigins.origin("http://127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
		assertThat(AllowedOrigins.origin("ftp://hanoi.gov.vn")).isNull();
		assertThat(AllowedOrigins.origin("null")).isNull();
		assertThat(AllowedOrigins.origin("hanoi.gov.vn")).isNull();
	}

	private EntityExchangeResult<byte[]> preflight(String origin) {
		return this.http.method(HttpMethod.OPTIONS)
			.uri("/graphql")
			.header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
			.exchange()
			.expectBody()
			.returnResult();
	}

	private EntityExchangeResult<String> post(String origin, String query) {
		return this.http.post()
			.uri("/graphql")
			.header(HttpHeaders.ORIGIN, origin)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", query))
			.exchange()
			.expectBody(String.class)
			.returnResult();
	}

	private WebSocketGraphQlTester webSocket(String origin) {
		ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient();
		return WebSocketGraphQlTester.builder(URI.create("ws://localhost:" + this.port + "/graphql"), client)
			.headers((headers) -> headers.setOrigin(origin))
			.build();
	}

}
