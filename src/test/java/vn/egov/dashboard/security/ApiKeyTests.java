package vn.egov.dashboard.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys from creation to revocation, bad credentials of every kind, and the first
 * admin key from the command line.
 */
class ApiKeyTests extends IntegrationTests {

	@Autowired
	private ApiKeys keys;

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void shouldAuthenticateWithAKeyUntilItIsRevoked() {
		HttpGraphQlTester.Response created = asAdmin().documentName("security/createApiKey")
			.variable("input",
					Map.of("label", "Hệ thống báo cáo Sở TT&TT Cao Bằng", "role", "AGENCY_EDITOR", "agencyCode", "P04"))
			.execute();
		String key = created.path("createApiKey.key").entity(String.class).get();
		String id = created.path("createApiKey.apiKey.id").entity(String.class).get();
		created.path("createApiKey.apiKey.createdBy")
			.entity(String.class)
			.isEqualTo("jwt:admin")
			.path("createApiKey.apiKey.agency.code")
			.entity(String.class)
			.isEqualTo("P04")
			.path("createApiKey.apiKey.lastUsedAt")
			.valueIsNull();
		assertThat(key).matches("egov_[a-z2-7]{8}_[a-z2-7]{40}");
		// Only the hash is stored.
		assertThat(count("api_key", "id = " + id + " AND position('" + key + "' in key_sha256::text) = 0"))
			.isEqualTo(1);

		HttpGraphQlTester withKey = this.graphQl.mutate().header("X-API-Key", key).build();
		withKey.documentName("security/viewer")
			.execute()
			.path("viewer.name")
			.entity(String.class)
			.isEqualTo("key:" + key.substring(5, 13))
			.path("viewer.roles")
			.entityList(String.class)
			.containsExactly("AGENCY_EDITOR");
		withKey.documentName("progress/recordMeasurement")
			.variable("input",
					Map.of("indicatorCode", "SERVICES_WITH_QA", "agencyCode", "P04", "period", "2019-12-31", "value",
							12, "source", "Báo cáo tự động"))
			.execute()
			.path("recordMeasurement.value")
			.entity(Double.class)
			.isEqualTo(12.0);
		assertThat(count("audit_entry", "action = 'recordMeasurement' AND actor = 'key:" + key.substring(5, 13) + "'"))
			.as("the write audited as the key")
			.isEqualTo(1);
		asAdmin().documentName("security/apiKeys")
			.execute()
			.path("apiKeys.edges[?(@.node.id == '" + id + "')].node.lastUsedAt")
			.entityList(String.class)
			.hasSize(1);

		asAdmin().documentName("security/revokeApiKey")
			.variable("id", id)
			.execute()
			.path("revokeApiKey.revokedAt")
			.hasValue();
		http().post()
			.uri("/graphql")
			.header("X-API-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ viewer { name } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.errors[0].extensions.classification")
			.isEqualTo("UNAUTHORIZED")
			.jsonPath("$.errors[0].message")
			.value(String.class,
					(message) -> assertThat(message).startsWith("Not signed in: this API key was revoked at "));
		asAdmin().documentName("security/apiKeys")
			.execute()
			.path("apiKeys.edges[?(@.node.id == '" + id + "')]")
			.entityList(Object.class)
			.hasSize(0);
		asAdmin().documentName("security/apiKeys")
			.variable("includeRevoked", true)
			.execute()
			.path("apiKeys.edges[?(@.node.id == '" + id + "')].node.revokedAt")
			.entityList(String.class)
			.hasSize(1);
		assertThat(count("audit_entry",
				"action = 'revokeApiKey' AND entity_id = '" + id
						+ "' AND old_value ->> 'revokedAt' IS NULL AND new_value ->> 'revokedAt' IS NOT NULL"))
			.isEqualTo(1);
	}

	@Test
	void shouldRefuseBadCredentialsBeforeRunningAnything() {
		for (String authorization : new String[] { "Bearer " + TestTokens.expired(Role.ADMIN),
				"Bearer " + TestTokens.forged(Role.ADMIN), "Bearer not-a-jwt" }) {
			expectRefused(http().post().uri("/graphql").header(HttpHeaders.AUTHORIZATION, authorization));
		}
		expectRefused(http().post().uri("/graphql").header("X-API-Key", "egov_aaaaaaaa_" + "a".repeat(40)));
		expectRefused(http().post().uri("/graphql").header("X-API-Key", "' OR 1=1 --"));
	}

	@Test
	void shouldCheckANewKeysInput() {
		expectBadRequest(asAdmin().documentName("security/createApiKey")
			.variable("input", Map.of("label", "Không có cơ quan", "role", "AGENCY_EDITOR"))
			.execute(), "agencyCode");
		expectBadRequest(asAdmin().documentName("security/createApiKey")
			.variable("input", Map.of("label", "Quản trị", "role", "ADMIN", "agencyCode", "P01"))
			.execute(), "agencyCode");
		expectNotFound(asAdmin().documentName("security/createApiKey")
			.variable("input", Map.of("label", "Sai mã", "role", "AGENCY_EDITOR", "agencyCode", "P00"))
			.execute(), "No agency with code 'P00'");
		AccessTests.expectUnauthorized(this.graphQl.documentName("security/createApiKey")
			.variable("input", Map.of("label", "Ẩn danh", "role", "ADMIN"))
			.execute(), "createApiKey");
		assertThat(count("api_key", "label IN ('Không có cơ quan', 'Quản trị', 'Sai mã', 'Ẩn danh')")).isZero();
	}

	@Test
	void shouldCreateTheFirstAdminKeyOnTheCommandLine() {
		AdminKeyCommand command = new AdminKeyCommand(this.keys, this.context, "unused");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(command.execute("Quản trị Cục CĐSQG", new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
		Matcher key = Pattern.compile("egov_[a-z2-7]{8}_[a-z2-7]{40}").matcher(out.toString(StandardCharsets.UTF_8));
		assertThat(key.find()).isTrue();
		assertThat(count("api_key", "prefix = '" + key.group().substring(5, 13) + "' AND role = 'ADMIN'")).isEqualTo(1);
		this.graphQl.mutate()
			.header("X-API-Key", key.group())
			.responseTimeout(java.time.Duration.ofSeconds(30))
			.build()
			.documentName("security/auditLog")
			.variable("actor", "cli:" + System.getProperty("user.name"))
			.execute()
			.path("auditLog.edges[0].node.action")
			.entity(String.class)
			.isEqualTo("createApiKey")
			.path("auditLog.edges[0].node.newValue.label")
			.entity(String.class)
			.isEqualTo("Quản trị Cục CĐSQG");
	}

	private WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	private static void expectRefused(WebTestClient.RequestBodySpec request) {
		request.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ agencies(first: 1) { totalCount } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectBody()
			.jsonPath("$.errors[0].extensions.classification")
			.isEqualTo("UNAUTHORIZED")
			.jsonPath("$.data")
			.doesNotExist();
	}

}
