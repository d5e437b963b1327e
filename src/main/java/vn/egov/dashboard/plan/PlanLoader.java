package vn.egov.dashboard.plan;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

/**
 * Registers the {@code DataLoader<Long, Plan>} through which other features resolve a
 * plan by id.
 */
@Component
class PlanLoader {

	PlanLoader(BatchLoaderRegistry registry, PlanRepository plans) {
		registry.forTypePair(Long.class, Plan.class)
			.registerMappedBatchLoader((ids, env) -> plans.findByIds(ids).collectMap(Plan::id));
	}

}
