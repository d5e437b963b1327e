package vn.egov.dashboard.traffic;

import java.time.OffsetDateTime;

/**
 * A site's all-time counter as of a moment.
 *
 * @param sample whether the counter is generated or derived from generated traffic
 * ({@link Site#sampleCounter})
 */
record SiteStats(Site site, OffsetDateTime asOf, long totalVisits, boolean sample) {

}
