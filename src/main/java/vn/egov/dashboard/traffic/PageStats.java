package vn.egov.dashboard.traffic;

import org.jspecify.annotations.Nullable;

/**
 * A page with a view count: all-time (offset included) for {@code page}, within the range
 * for {@code topPages}.
 */
record PageStats(String siteCode, String path, @Nullable String title, long views, @Nullable String note) {

}
