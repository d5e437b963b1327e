package vn.egov.dashboard.document;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The inputs of the document mutations.
 */
final class DocumentInputs {

	private DocumentInputs() {
	}

	/**
	 * @param basedOn the numbers of the documents this one is based on (căn cứ)
	 */
	record CreateDocumentInput(String number, DocumentKind kind, String issuer, @Nullable LocalDate issuedOn,
			String title, @Nullable String titleEn, @Nullable String summary, @Nullable String url,
			@Nullable List<String> basedOn) {
	}

	/**
	 * Null fields keep the document's value; {@code basedOn}, when given, replaces its
	 * basis.
	 */
	record UpdateDocumentInput(String number, @Nullable DocumentKind kind, @Nullable String issuer,
			@Nullable LocalDate issuedOn, @Nullable String title, @Nullable String titleEn, @Nullable String summary,
			@Nullable String url, @Nullable List<String> basedOn) {
	}

}
