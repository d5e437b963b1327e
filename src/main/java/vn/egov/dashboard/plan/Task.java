package vn.egov.dashboard.plan;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Duty number {@code number} that a document assigns to the agencies it is sent to.
 */
public record Task(long id, long documentId, int number, String title, @Nullable LocalDate dueOn) {

}
