package vn.egov.dashboard.document;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;

import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJsonType;
import vn.egov.dashboard.graphql.Page;

import static vn.egov.dashboard.compiled.SqlJsonType.column;

/**
 * {@code document}, {@code documents} and the fields of {@code LegalDocument} with its
 * basis graph ({@code basedOn}, {@code citedBy}) in SQL, for compiled queries: the rows,
 * search, order and cursors of {@link DocumentRepository}, whose SQL they share.
 * {@code LegalDocument.tasks} belongs to the plan feature ({@code plan/PlanSqlJson}).
 */
@Configuration(proxyBeanMethods = false)
class DocumentSqlJson {

	private static final String[] KINDS = Arrays.stream(DocumentKind.values())
		.map(DocumentKind::name)
		.toArray(String[]::new);

	private static final String[] KIND_NAMES = Arrays.stream(DocumentKind.values())
		.map(DocumentKind::vietnamese)
		.toArray(String[]::new);

	@Bean
	SqlJsonType documentQueries(CursorStrategy<ScrollPosition> cursors) {
		return new SqlJsonType("Query",
				Map.of("document",
						(field, row) -> field.one("LegalDocument", "legal_document", "number",
								field.bind(((String) field.argument("number")).trim(), String.class)),
						"documents", (field, row) -> documents(field, cursors)),
				Map.of("document", Set.of("number"), "documents", Set.of("kind", "search", "first", "after")));
	}

	/** A row of legal_document. */
	@Bean
	SqlJsonType legalDocumentFields() {
		return new SqlJsonType("LegalDocument",
				Map.ofEntries(Map.entry("id", (field, row) -> SqlJson.string(row + ".id::text")),
						column("number", "number"), column("kind", "kind"), column("issuer", "issuer"),
						column("issuedOn", "issued_on"), column("title", "title"), column("titleEn", "title_en"),
						column("summary", "summary"), column("url", "url"),
						Map.entry("kindName",
								(field, row) -> SqlJson.string("(cast(" + field.bind(KIND_NAMES, String[].class)
										+ " AS text[]))[array_position(cast(" + field.bind(KINDS, String[].class)
										+ " AS text[]), " + row + ".kind)]")),
						Map.entry("basedOn", (field, row) -> related(field, "basis_id", "document_id", row)),
						Map.entry("citedBy", (field, row) -> related(field, "document_id", "basis_id", row))));
	}

	/**
	 * The connection, paged as {@link DocumentController#documents} pages it: the cursor
	 * read by the same strategy; a cursor or {@code first} it refuses is left to the
	 * ordinary path, which explains why.
	 */
	private static String documents(SqlJson.Field field, CursorStrategy<ScrollPosition> cursors) {
		Page page = field.page(cursors);
		String afterDate = field.bind(field.afterKey(page, (p) -> LocalDate.parse(p.stringKey("issuedOn"))),
				LocalDate.class);
		String afterId = field.bind(field.afterKey(page, (p) -> p.longKey("id")), Long.class);
		Object kind = field.argument("kind");
		String kindName = field.bind((kind != null) ? kind.toString() : null, String.class);
		String search = field.bind(DocumentRepository.searchText((String) field.argument("search")), String.class);
		String rows = "SELECT d.*, " + DocumentRepository.issuedOnKey("d") + " AS issuedOn FROM legal_document d "
				+ DocumentRepository.page(kindName, search, afterDate, afterId) + " LIMIT " + page.fetchSize();
		String count = "(SELECT count(*) FROM legal_document d " + DocumentRepository.filter(kindName, search) + ")";
		return field.connection("LegalDocument",
				new SqlJson.Page(rows, List.of("issuedOn", "id"), page.size(), count, true));
	}

	/**
	 * The documents linked to {@code row} through document_basis: those whose id is in
	 * {@code linked} where {@code own} is the row's id, in the repository's order.
	 */
	private static String related(SqlJson.Field field, String linked, String own, String row) {
		String basis = field.alias();
		String document = field.alias();
		return SqlJson.list(field.object("LegalDocument", document),
				"FROM document_basis " + basis + " JOIN legal_document " + document + " ON " + document + ".id = "
						+ basis + "." + linked + " WHERE " + basis + "." + own + " = " + row + ".id",
				DocumentRepository.relatedOrder(document));
	}

}
