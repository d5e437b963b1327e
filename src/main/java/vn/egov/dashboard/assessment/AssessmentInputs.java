package vn.egov.dashboard.assessment;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The inputs of the assessment mutations.
 */
final class AssessmentInputs {

	private AssessmentInputs() {
	}

	/**
	 * @param categories the round's categories with their maxima; null keeps those of an
	 * existing round, or copies the previous round's for a new one
	 */
	record DefineRoundInput(Framework framework, int year, @Nullable LocalDate publishedOn,
			@Nullable String methodologyDocumentNumber, @Nullable String note,
			@Nullable List<CategoryInput> categories) {
	}

	record CategoryInput(String code, String name, @Nullable String nameEn, CategoryKind kind, double maxScore) {
	}

}
