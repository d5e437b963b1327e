/**
 * Every Caffeine cache, named in {@link vn.egov.dashboard.cache.CacheConfiguration}:
 * parsed documents, persisted queries, anonymous query responses invalidated precisely on
 * writes, and the request bodies known to be answered by one of those responses.
 */
@NullMarked
package vn.egov.dashboard.cache;

import org.jspecify.annotations.NullMarked;
