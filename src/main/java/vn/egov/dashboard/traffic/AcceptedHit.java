package vn.egov.dashboard.traffic;

import org.jspecify.annotations.Nullable;

/**
 * A checked hit, ready to count: a known site, a clean path, and the visitor as a keyed
 * 64-bit hash.
 */
record AcceptedHit(String site, String path, @Nullable String title, long visitor, boolean member) {

}
