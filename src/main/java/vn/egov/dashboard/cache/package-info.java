/**
 * Every Caffeine cache, named in {@link vn.egov.dashboard.cache.CacheConfiguration}: parsed documents,
 * persisted queries, and anonymous query responses invalidated precisely on writes.
 */
@NullMarked
package vn.egov.dashboard.cache;

import org.jspecify.annotations.NullMarked;
