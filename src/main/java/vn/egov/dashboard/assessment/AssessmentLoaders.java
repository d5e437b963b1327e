package vn.egov.dashboard.assessment;

import java.util.HashMap;
import java.util.Map;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Component;

/**
 * Registers {@code DataLoader<Long, RoundCounts>}: one query answers every count field of
 * every round in a request.
 */
@Component
class AssessmentLoaders {

	AssessmentLoaders(BatchLoaderRegistry registry, AssessmentRepository assessments) {
		registry.forTypePair(Long.class, RoundCounts.class)
			.registerMappedBatchLoader((ids, env) -> assessments.findRoundCounts(ids).map((found) -> {
				Map<Long, RoundCounts> all = new HashMap<>(found);
				ids.forEach((id) -> all.putIfAbsent(id, RoundCounts.none(id)));
				return all;
			}));
	}

}
