package vn.egov.dashboard.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bearer tokens must expire within {@code egov.security.max-token-lifetime} (8 hours) and
 * name a subject, and a token's caller is named {@code jwt:<subject>} wherever callers
 * are named, so that no token can write as an API key or as the command line (issue 18,
 * item 11).
 */
class TokenTests extends IntegrationTests {

	@Test
	void shouldRefuseATokenWithoutExpiry() {
		// gh-18: such a token was accepted forever.
		expectRefused(TestTokens.signed("forever", Role.ADMIN, Instant.now(), null),
				"the token has no expiry (exp); tokens must expire");
		expectRefused(TestTokens.signed("forever", Role.ADMIN, null, null),
				"the token has no expiry (exp); tokens must expire");
	}

	@Test
	void shouldRefuseATokenValidForLongerThanTheMaximum() {
		Instant now = Instant.now();
		expectRefused(TestTokens.signed("long", Role.ADMIN, now, now.plus(Duration.ofHours(9))),
				"the token is valid for 32400 s, longer than this server accepts (28800 s)");
		// Without iat, the lifetime left from now counts.
		expectRefused(TestTokens.signed("long", Role.ADMIN, null, now.plus(Duration.ofDays(365))),
				"longer than this server accepts (28800 s)");
		// An old iat does not make a long-lived token acceptable, nor a short one less
		// so.
		expectRefused(
				TestTokens.signed("long", Role.ADMIN, now.minus(Duration.ofHours(10)), now.plus(Duration.ofHours(1))),
				"the token is valid for 39600 s");
		for (String token : new String[] {
				TestTokens.signed("short", Role.ADMIN, now.minus(Duration.ofHours(7)), now.plus(Duration.ofHours(1))),
				TestTokens.signed("short", Role.ADMIN, null, now.plus(Duration.ofHours(7))) }) {
			viewer(token).path("viewer.name").entity(String.class).isEqualTo("jwt:short");
		}
	}

	@Test
	void shouldRefuseATokenWithoutASubjectItCanName() {
		Instant now = Instant.now();
		expectRefused(TestTokens.signed(null, Role.ADMIN, now, now.plus(Duration.ofHours(1))),
				"the token names no subject (sub)");
		expectRefused(TestTokens.signed("admin\u0000", Role.ADMIN, now, now.plus(Duration.ofHours(1))),
				"the token's subject (sub) must be text of at most 200 characters");
	}

	@Test
	void shouldNotLetATokenPassForAnApiKeyOrTheCommandLine() {
		// gh-18: a token whose subject was key:<prefix> or command-line was audited
		// exactly like that key or the command line.
		String cli = Caller.COMMAND_LINE.name();
		for (String subject : new String[] { "key:k3xq7mfa", "command-line", cli }) {
			HttpGraphQlTester forger = this.graphQl.mutate()
				.headers((headers) -> headers.setBearerAuth(TestTokens.token(subject, Role.ADMIN, null)))
				.build();
			forger.documentName("security/viewer")
				.execute()
				.path("viewer.name")
				.entity(String.class)
				.isEqualTo("jwt:" + subject);
			String id = forger.documentName("security/createApiKey")
				.variable("input", Map.of("label", "Khóa của " + subject, "role", "ANALYST"))
				.execute()
				.path("createApiKey.apiKey.createdBy")
				.entity(String.class)
				.isEqualTo("jwt:" + subject)
				.path("createApiKey.apiKey.id")
				.entity(String.class)
				.get();
			assertThat(count("audit_entry", "action = 'createApiKey' AND entity_id = '" + id + "'")).isEqualTo(1);
			assertThat(count("audit_entry", "entity_id = '" + id + "' AND actor = 'jwt:" + subject + "'")).isEqualTo(1);
			assertThat(count("audit_entry", "entity_id = '" + id + "' AND actor = '" + subject + "'")).isZero();
			// Filtering by the forged name finds nothing of it.
			asAdmin().documentName("security/auditLog")
				.variable("actor", subject)
				.execute()
				.path("auditLog.edges[*].node.entityId")
				.entityList(String.class)
				.doesNotContain(id);
			asAdmin().documentName("security/auditLog")
				.variable("actor", "jwt:" + subject)
				.execute()
				.path("auditLog.edges[0].node.entityId")
				.entity(String.class)
				.isEqualTo(id);
		}
	}

	private HttpGraphQlTester.Response viewer(String token) {
		return this.graphQl.mutate()
			.headers((headers) -> headers.setBearerAuth(token))
			.build()
			.documentName("security/viewer")
			.execute();
	}

	private void expectRefused(String token, String reason) {
		WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ viewer { name } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectBody()
			.jsonPath("$.errors[0].extensions.classification")
			.isEqualTo("UNAUTHORIZED")
			.jsonPath("$.errors[0].message")
			.value(String.class, (message) -> assertThat(message).startsWith("Not signed in: ").contains(reason))
			.jsonPath("$.data")
			.doesNotExist();
	}

}
