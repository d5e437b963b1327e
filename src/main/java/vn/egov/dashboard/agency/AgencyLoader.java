package vn.egov.dashboard.agency;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

/**
 * Registers the {@code DataLoader<String, Agency>} through which every feature resolves
 * an agency by code: one query per request, however many fields ask.
 */
@Component
class AgencyLoader {

	AgencyLoader(BatchLoaderRegistry registry, AgencyRepository agencies) {
		registry.forTypePair(String.class, Agency.class)
			.registerMappedBatchLoader((codes, env) -> agencies.findByCodes(codes).collectMap(Agency::code));
	}

}
