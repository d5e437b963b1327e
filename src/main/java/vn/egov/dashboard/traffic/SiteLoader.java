package vn.egov.dashboard.traffic;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

/**
 * Registers the {@code DataLoader<String, Site>} through which polls (and later other
 * features) resolve a site by code: one query per request.
 */
@Component
class SiteLoader {

	SiteLoader(BatchLoaderRegistry registry, SiteRepository sites) {
		registry.forTypePair(String.class, Site.class)
			.registerMappedBatchLoader((codes, env) -> sites.findByCodes(codes).collectMap(Site::code));
	}

}
