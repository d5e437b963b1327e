package vn.egov.dashboard.traffic;

import java.time.OffsetDateTime;

/**
 * A site's all-time counter as of a moment.
 */
record SiteStats(Site site, OffsetDateTime asOf, long totalVisits) {

}
