package vn.egov.dashboard.traffic;

import org.jspecify.annotations.Nullable;

/**
 * A page with a view count: all-time (offset included) for {@code page}, within the range
 * for {@code topPages}; {@code sample} if generated views are counted in it.
 */
record PageStats(String siteCode, String path, @Nullable String title, long views, @Nullable String note,
		boolean sample) {

}
