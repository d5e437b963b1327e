package vn.egov.dashboard.security;

import java.util.concurrent.CompletableFuture;

import graphql.execution.DataFetcherResult;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.graphql.Connections;
import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.security.ApiKeys.CreateApiKeyInput;
import vn.egov.dashboard.security.ApiKeys.CreatedApiKey;

/**
 * The caller ({@code viewer}), API keys and the audit log.
 */
@Controller
class SecurityController {

	private final ApiKeys keys;

	private final AuditLog audit;

	SecurityController(ApiKeys keys, AuditLog audit) {
		this.keys = keys;
		this.audit = audit;
	}

	@QueryMapping
	Mono<Caller> viewer() {
		return Access.caller();
	}

	@SchemaMapping(typeName = "Viewer")
	CompletableFuture<@Nullable Agency> agency(Caller caller, DataLoader<String, Agency> agencies) {
		return (caller.agencyCode() != null) ? agencies.load(caller.agencyCode())
				: CompletableFuture.completedFuture(null);
	}

	@QueryMapping
	Mono<DataFetcherResult<Window<ApiKey>>> apiKeys(@Argument @Nullable Boolean includeRevoked,
			ScrollSubrange subrange) {
		Page page = Page.of(subrange);
		boolean revoked = Boolean.TRUE.equals(includeRevoked);
		return this.keys.find(revoked, page)
			.map((rows) -> Connections.of(page.window(rows, ApiKeyRepository::cursor), this.keys.count(revoked)));
	}

	@SchemaMapping(typeName = "ApiKey")
	CompletableFuture<@Nullable Agency> agency(ApiKey key, DataLoader<String, Agency> agencies) {
		return (key.agencyCode() != null) ? agencies.load(key.agencyCode()) : CompletableFuture.completedFuture(null);
	}

	@QueryMapping
	Mono<DataFetcherResult<Window<AuditEntry>>> auditLog(@Argument @Nullable String entity,
			@Argument @Nullable String actor, ScrollSubrange subrange) {
		Page page = Page.of(subrange);
		return this.audit.find(entity, actor, page)
			.map((rows) -> Connections.of(page.window(rows, AuditLog::cursor), this.audit.count(entity, actor)));
	}

	@MutationMapping
	Mono<CreatedApiKey> createApiKey(@Argument CreateApiKeyInput input) {
		return this.keys.create(input);
	}

	@MutationMapping
	Mono<ApiKey> revokeApiKey(@Argument String id) {
		return this.keys.revoke(id);
	}

}
