package vn.egov.dashboard.progress;

import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.progress.TargetInputs.CreateIndicatorInput;
import vn.egov.dashboard.progress.TargetInputs.CreateTargetInput;
import vn.egov.dashboard.progress.TargetInputs.UpdateIndicatorInput;
import vn.egov.dashboard.progress.TargetInputs.UpdateTargetInput;

/**
 * The indicator and target mutations.
 */
@Controller
class TargetMutationController {

	private final IndicatorService indicators;

	private final TargetService targets;

	TargetMutationController(IndicatorService indicators, TargetService targets) {
		this.indicators = indicators;
		this.targets = targets;
	}

	@MutationMapping
	Mono<Indicator> createIndicator(@Argument CreateIndicatorInput input) {
		return this.indicators.create(input);
	}

	@MutationMapping
	Mono<Indicator> updateIndicator(@Argument UpdateIndicatorInput input) {
		return this.indicators.update(input);
	}

	@MutationMapping
	Mono<Target> createTarget(@Argument CreateTargetInput input) {
		return this.targets.create(input);
	}

	@MutationMapping
	Mono<Target> updateTarget(@Argument UpdateTargetInput input) {
		return this.targets.update(input);
	}

}
