package vn.egov.dashboard.cache;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code egov.cache.*}: sizes and lifetimes of the caches.
 *
 * @param documents how many parsed and validated documents to keep
 * @param persistedQueries how many persisted queries (sha256 → document) to keep
 * @param responses how many anonymous query responses to keep; 0 turns the response cache
 * off
 * @param responseTtl how long a cached response may live without a write invalidating it
 * (a safety net)
 * @param maxAge the {@code Cache-Control: max-age} given to browsers and CDNs for
 * cacheable responses
 */
@ConfigurationProperties("egov.cache")
record CacheProperties(int documents, int persistedQueries, int responses, Duration responseTtl, Duration maxAge) {

}
