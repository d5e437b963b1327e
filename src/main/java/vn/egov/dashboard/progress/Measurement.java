package vn.egov.dashboard.progress;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * An agency's value of an indicator for the period ending on {@code period}. A correction
 * is a new measurement whose {@code correctsId} names the one it replaces, which stays
 * with {@code replaced} set.
 *
 * @param source where the value comes from: URLs or a document, separated by {@code "; "}
 * @param note remarks on the figure (how it was derived, what it is not comparable with)
 * @param sample the value was generated for the demo, not reported or published
 */
public record Measurement(long id, String indicatorCode, String agencyCode, LocalDate period, double value,
		String source, @Nullable String note, boolean sample, @Nullable Long correctsId, boolean replaced,
		OffsetDateTime recordedAt) {

}
