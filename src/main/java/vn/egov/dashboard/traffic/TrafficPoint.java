package vn.egov.dashboard.traffic;

import java.time.OffsetDateTime;

/**
 * One bucket of a traffic series.
 *
 * @param visitors distinct visitors within this bucket (not the sum of smaller buckets'
 * visitors)
 * @param sample whether the bucket holds generated demo data
 */
record TrafficPoint(OffsetDateTime start, long views, long memberViews, long visitors, boolean sample) {

}
