package vn.egov.dashboard.progress;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * An agency's value of an indicator for the period ending on {@code period}. A correction
 * is a new measurement whose {@code correctsId} names the one it replaces, which stays
 * with {@code replaced} set.
 */
public record Measurement(long id, String indicatorCode, String agencyCode, LocalDate period, double value,
		String source, @Nullable Long correctsId, boolean replaced, OffsetDateTime recordedAt) {

}
