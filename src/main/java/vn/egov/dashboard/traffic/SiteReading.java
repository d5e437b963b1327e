package vn.egov.dashboard.traffic;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A counter reading a portal published itself ("Tổng lượt truy cập", "Người trực tuyến").
 */
record SiteReading(String siteCode, OffsetDateTime readAt, long totalVisits, @Nullable Integer guestsOnline,
		@Nullable Integer membersOnline, String source) {

}
