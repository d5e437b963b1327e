package vn.egov.dashboard.document;

import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.document.DocumentInputs.CreateDocumentInput;
import vn.egov.dashboard.document.DocumentInputs.UpdateDocumentInput;

/**
 * The document mutations: create a document with its basis, correct one.
 */
@Controller
class DocumentMutationController {

	private final DocumentService service;

	DocumentMutationController(DocumentService service) {
		this.service = service;
	}

	@MutationMapping
	Mono<LegalDocument> createDocument(@Argument CreateDocumentInput input) {
		return this.service.create(input);
	}

	@MutationMapping
	Mono<LegalDocument> updateDocument(@Argument UpdateDocumentInput input) {
		return this.service.update(input);
	}

}
