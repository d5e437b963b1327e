package vn.egov.dashboard.traffic;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A portal that sends page views to this API.
 *
 * @param visitOffset visits the portal had counted before its hits came here
 * @param countingFrom from when hits are counted here
 */
public record Site(String code, String name, @Nullable String nameEn, @Nullable String agencyCode,
		@Nullable String baseUrl, long visitOffset, @Nullable OffsetDateTime countingFrom, @Nullable String note) {

}
