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
import org.jspecify.annotations.Nullable;

/**
 * Repeated documents skip parsing and validation. Clients may also send Apollo-style
 * persisted queries ({@code extensions.persistedQuery.sha256Hash}, with the text once,
 * then the hash alone); both caches are bounded, so a flood of distinct documents cannot
 * exhaust memory. Documents that do not parse are not kept: parsing them again tells the
 * query limits why the parser gave up (too many tokens, too deep). A persisted query's
 * text is kept with its document, so that a GET permalink naming the hash alone
 * ({@link PermalinkHandler}) can be checked and cached like one naming the text.
 */
final class DocumentCache implements PreparsedDocumentProvider {

	private final Cache<String, PreparsedDocumentEntry> documents;

	private final Cache<Object, PersistedQuery> persistedQueries;

	private final PreparsedDocumentProvider persisted;

	/** A persisted query: its text and its parsed and validated document. */
	record PersistedQuery(String text, PreparsedDocumentEntry entry) {
	}

	DocumentCache(Cache<String, PreparsedDocumentEntry> documents, Cache<Object, PersistedQuery> persisted) {
		this.documents = documents;
		this.persistedQueries = persisted;
		this.persisted = new ApolloPersistedQuerySupport(new BoundedPersistedQueries(persisted));
	}

	/**
	 * The text of the persisted query with this sha256 hash, if a client registered it
	 * and it is still kept.
	 */
	@Nullable String persistedText(String hash) {
		PersistedQuery query = this.persistedQueries.getIfPresent(hash);
		return (query != null) ? query.text() : null;
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

	private record BoundedPersistedQueries(Cache<Object, PersistedQuery> cache) implements PersistedQueryCache {

		@Override
		public CompletableFuture<PreparsedDocumentEntry> getPersistedQueryDocumentAsync(Object id, ExecutionInput input,
				PersistedQueryCacheMiss onCacheMiss) {
			PersistedQuery cached = this.cache.getIfPresent(id);
			if (cached != null) {
				return CompletableFuture.completedFuture(cached.entry());
			}
			String text = Optional.ofNullable(input.getQuery())
				.filter((query) -> !query.isBlank() && !query.equals(PersistedQuerySupport.PERSISTED_QUERY_MARKER))
				.orElseThrow(() -> new PersistedQueryNotFound(id));
			PreparsedDocumentEntry entry = onCacheMiss.apply(text);
			if (entry.getDocument() != null) {
				this.cache.put(id, new PersistedQuery(text, entry));
			}
			return CompletableFuture.completedFuture(entry);
		}

	}

}
