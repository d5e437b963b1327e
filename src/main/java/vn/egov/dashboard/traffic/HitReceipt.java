package vn.egov.dashboard.traffic;

import java.util.List;

/**
 * What became of the hits of one request: accepted ones are counted (within a second or
 * so), rejected ones were invalid, dropped ones were valid but arrived while the buffer
 * was full.
 */
record HitReceipt(int accepted, int rejected, int dropped, List<Rejection> rejections) {

	/** Why the hit at {@code index} (0-based, in request order) was rejected. */
	record Rejection(int index, String field, String reason) {

	}

}
