package vn.egov.dashboard.document;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A legal document, identified by its number as written ({@code 1819/QĐ-TTg}).
 */
public record LegalDocument(long id, String number, DocumentKind kind, String issuer, @Nullable LocalDate issuedOn,
		String title, @Nullable String titleEn, @Nullable String summary, @Nullable String url) {

}
