package vn.egov.dashboard.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * Names and sizes every Caffeine cache of the server, and exports their statistics as
 * {@code cache_gets_total{cache="…"}}, {@code cache_evictions_total}, …
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

	/** Parsed and validated GraphQL documents, by their text. */
	static final String DOCUMENTS = "graphql.documents";

	/** Persisted queries, by sha256 hash. */
	static final String PERSISTED_QUERIES = "graphql.persisted-queries";

	/** Anonymous query responses. */
	static final String RESPONSES = "graphql.responses";

	/**
	 * Request bodies (with their {@code Accept}) known to be answered by a cached
	 * response.
	 */
	static final String SHORTCUTS = "graphql.response-shortcuts";

	@Bean
	DocumentCache documentCache(CacheProperties properties, MeterRegistry registry) {
		Cache<String, PreparsedDocumentEntry> documents = monitored(
				Caffeine.newBuilder().maximumSize(properties.documents()).recordStats().build(), DOCUMENTS, registry);
		Cache<Object, DocumentCache.PersistedQuery> persisted = monitored(
				Caffeine.newBuilder().maximumSize(properties.persistedQueries()).recordStats().build(),
				PERSISTED_QUERIES, registry);
		return new DocumentCache(documents, persisted);
	}

	@Bean
	GraphQlSourceBuilderCustomizer documentCacheCustomizer(DocumentCache cache) {
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(cache));
	}

	@Bean
	ResponseCache responseCache(CacheProperties properties, MeterRegistry registry,
			ObjectProvider<GraphQlSource> graphQlSource, JsonMapper json) {
		Cache<String, ResponseCache.Entry> responses = monitored(Caffeine.newBuilder()
			.maximumSize(properties.responses())
			.expireAfterWrite(properties.responseTtl())
			.recordStats()
			.build(), RESPONSES, registry);
		return new ResponseCache(responses, properties.maxAge(), properties.responses() > 0, graphQlSource, json);
	}

	@Bean
	CachedAnswerFilter cachedAnswerFilter(ResponseCache responses, CacheProperties properties, MeterRegistry registry,
			@Value("${spring.graphql.http.path:/graphql}") String path) {
		Cache<String, CachedAnswerFilter.Shortcut> shortcuts = monitored(
				Caffeine.newBuilder().maximumSize(properties.responses()).recordStats().build(), SHORTCUTS, registry);
		return new CachedAnswerFilter(responses, shortcuts, path, registry);
	}

	/**
	 * Writes cached answers as they are kept, and answers {@code If-None-Match} (in place
	 * of Boot's handler).
	 */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	CachedAnswerHttpHandler graphQlHttpHandler(WebGraphQlHandler handler, ServerCodecConfigurer codecs) {
		return new CachedAnswerHttpHandler(handler, codecs);
	}

	/**
	 * {@code GET /graphql}: permalinks to queries. Ahead of Boot's GraphQL routes (order
	 * 0), which answer every GET there with 405; WebSocket handshakes are taken earlier
	 * still, by Boot's WebSocket mapping.
	 */
	@Bean
	@Order(RequestPipeline.ROUTES_BEFORE_GRAPHQL)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	RouterFunction<ServerResponse> permalinkRoute(CachedAnswerHttpHandler http, WebGraphQlHandler handler,
			DocumentCache documents, JsonMapper json, @Value("${spring.graphql.http.path:/graphql}") String path) {
		PermalinkHandler permalinks = new PermalinkHandler(http, handler, documents, json);
		return RouterFunctions.route(RequestPredicates.GET(path), permalinks::handle);
	}

	private static <K, V> Cache<K, V> monitored(Cache<K, V> cache, String name, MeterRegistry registry) {
		return CaffeineCacheMetrics.monitor(registry, cache, name);
	}

}
