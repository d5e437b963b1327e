package vn.egov.dashboard.traffic;

import org.jspecify.annotations.Nullable;

/**
 * A page with a view count: all-time (offset included) for {@code page}, within the range
 * for {@code topPages}.
 *
 * @param title the curated title (null for a page hits created)
 * @param reportedTitle the first title a hit reported, for a page hits created
 * @param curated whether the page comes from the registration data, not from hits
 * @param sample whether generated views are counted in {@code views}
 */
record PageStats(String siteCode, String path, @Nullable String title, @Nullable String reportedTitle, boolean curated,
		long views, @Nullable String note, boolean sample) {

}
