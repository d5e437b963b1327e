/**
 * Traffic statistics for the portals (sites) that send page views: the hit beacon, the
 * in-memory buffer flushed in batches into time buckets, and the series, top pages,
 * online-now and all-time counters.
 */
@NullMarked
package vn.egov.dashboard.traffic;

import org.jspecify.annotations.NullMarked;
