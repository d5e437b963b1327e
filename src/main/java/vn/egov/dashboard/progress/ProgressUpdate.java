package vn.egov.dashboard.progress;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code progressChanged} sends: an indicator's targets (of one agency, if asked)
 * after a change.
 *
 * @param indicatorCode the indicator subscribed to
 * @param agencyCode the agency subscribed to, or null for all
 * @param targets the matching targets
 */
record ProgressUpdate(String indicatorCode, @Nullable String agencyCode, List<Target> targets) {

}
