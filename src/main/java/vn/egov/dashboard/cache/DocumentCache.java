package vn.egov.dashboard.cache;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.execution.preparsed.persisted.ApolloPersistedQuerySupport;
import graphql.execution.preparsed.persisted.PersistedQueryCache;
import graphql.execution.preparsed.persisted.PersistedQueryCacheMiss;
import graphql.execution.preparsed.persisted.PersistedQueryNotFound;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;

/**
 * Repeated documents skip parsing and validation. Clients may also send Apollo-style
 * persisted queries ({@code extensions.persistedQuery.sha256Hash}, with the text once,
 * then the hash alone); both caches are bounded, so a flood of distinct documents cannot
 * exhaust memory. Documents that do not parse are not kept: parsing them again tells the
 * query limits why the parser gave up (too many tokens, too deep).
 */
final class DocumentCache implements PreparsedDocumentProvider {

	private final Cache<String, PreparsedDocumentEntry> documents;

	private final PreparsedDocumentProvider persisted;

	DocumentCache(Cache<String, PreparsedDocumentEntry> documents, Cache<Object, PreparsedDocumentEntry> persisted) {
		this.documents = documents;
		this.persisted = new ApolloPersistedQuerySupport(new BoundedPersistedQueries(persisted));
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		if (input.getExtensions() != null && input.getExtensions().get("persistedQuery") instanceof Map) {
			return this.persisted.getDocumentAsync(input, parseAndValidate);
		}
		PreparsedDocumentEntry cached = this.documents.getIfPresent(input.getQuery());
		if (cached != null) {
			return CompletableFuture.completedFuture(cached);
		}
		PreparsedDocumentEntry entry = parseAndValidate.apply(input);
		if (entry.getDocument() != null) {
			this.documents.put(input.getQuery(), entry);
		}
		return CompletableFuture.completedFuture(entry);
	}

	private record BoundedPersistedQueries(Cache<Object, PreparsedDocumentEntry> cache) implements PersistedQueryCache {

		@Override
		public CompletableFuture<PreparsedDocumentEntry> getPersistedQueryDocumentAsync(Object id, ExecutionInput input,
				PersistedQueryCacheMiss onCacheMiss) {
			PreparsedDocumentEntry cached = this.cache.getIfPresent(id);
			if (cached != null) {
				return CompletableFuture.completedFuture(cached);
			}
			String text = Optional.ofNullable(input.getQuery())
				.filter((query) -> !query.isBlank() && !query.equals(PersistedQuerySupport.PERSISTED_QUERY_MARKER))
				.orElseThrow(() -> new PersistedQueryNotFound(id));
			PreparsedDocumentEntry entry = onCacheMiss.apply(text);
			if (entry.getDocument() != null) {
				this.cache.put(id, entry);
			}
			return CompletableFuture.completedFuture(entry);
		}

	}

}
