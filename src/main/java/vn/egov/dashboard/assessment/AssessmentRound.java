package vn.egov.dashboard.assessment;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One framework in one assessed year (DTI 2022 is the 2022 assessment, published in
 * 2023).
 *
 * @param importedAt when an import last replaced the round's scores; null if never
 * imported (demo data)
 */
record AssessmentRound(long id, Framework framework, int year, @Nullable LocalDate publishedOn,
		@Nullable Long methodologyDocumentId, @Nullable String note, @Nullable OffsetDateTime importedAt) {

	/** "DTI 2022", for messages. */
	String label() {
		return this.framework + " " + this.year;
	}

}
