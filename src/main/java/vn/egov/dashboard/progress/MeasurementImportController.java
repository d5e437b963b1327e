package vn.egov.dashboard.progress;

import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The {@code importMeasurements} mutation.
 */
@Controller
class MeasurementImportController {

	private final MeasurementImportService service;

	MeasurementImportController(MeasurementImportService service) {
		this.service = service;
	}

	@MutationMapping
	Mono<MeasurementImportResult> importMeasurements(@Argument String csv, @Argument boolean validateOnly) {
		return this.service.importCsv(csv, validateOnly);
	}

}
