package vn.egov.dashboard.document;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

/**
 * Registers the {@code DataLoader<Long, LegalDocument>} through which features resolve a
 * document by id.
 */
@Component
class DocumentLoader {

	DocumentLoader(BatchLoaderRegistry registry, DocumentRepository documents) {
		registry.forTypePair(Long.class, LegalDocument.class)
			.registerMappedBatchLoader((ids, env) -> documents.findByIds(ids).collectMap(LegalDocument::id));
	}

}
