package vn.egov.dashboard.agency;

import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.agency.ReorganisationService.RecordMergerInput;

/**
 * The {@code recordMerger} mutation.
 */
@Controller
class ReorganisationController {

	private final ReorganisationService service;

	ReorganisationController(ReorganisationService service) {
		this.service = service;
	}

	@MutationMapping
	Mono<Agency> recordMerger(@Argument RecordMergerInput input) {
		return this.service.merge(input);
	}

}
