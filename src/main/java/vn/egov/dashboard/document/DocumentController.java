package vn.egov.dashboard.document;

import java.util.List;
import java.util.Map;

import graphql.execution.DataFetcherResult;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.graphql.Batches;
import vn.egov.dashboard.graphql.Connections;
import vn.egov.dashboard.graphql.Page;

/**
 * Legal documents and the basis graph: {@code basedOn} and its reverse {@code citedBy}.
 */
@Controller
class DocumentController {

	private final DocumentRepository documents;

	DocumentController(DocumentRepository documents) {
		this.documents = documents;
	}

	@QueryMapping
	Mono<LegalDocument> document(@Argument String number) {
		return this.documents.findByNumber(number.trim());
	}

	@QueryMapping
	Mono<DataFetcherResult<Window<LegalDocument>>> documents(@Argument @Nullable String search,
			@Argument @Nullable DocumentKind kind, ScrollSubrange subrange) {
		Page page = Page.of(subrange);
		return this.documents.find(search, kind, page)
			.collectList()
			.map((rows) -> Connections.of(page.window(rows, DocumentRepository::cursor),
					this.documents.count(search, kind)));
	}

	@SchemaMapping
	String kindName(LegalDocument document) {
		return document.kind().vietnamese();
	}

	@BatchMapping
	Mono<Map<LegalDocument, List<LegalDocument>>> basedOn(List<LegalDocument> documents) {
		return this.documents.findBasedOn(ids(documents))
			.map((byId) -> Batches.byKey(documents, LegalDocument::id, byId));
	}

	@BatchMapping
	Mono<Map<LegalDocument, List<LegalDocument>>> citedBy(List<LegalDocument> documents) {
		return this.documents.findCitedBy(ids(documents))
			.map((byId) -> Batches.byKey(documents, LegalDocument::id, byId));
	}

	private static List<Long> ids(List<LegalDocument> documents) {
		return documents.stream().map(LegalDocument::id).toList();
	}

}
