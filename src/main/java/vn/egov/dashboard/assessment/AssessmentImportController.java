package vn.egov.dashboard.assessment;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.assessment.AssessmentInputs.DefineRoundInput;

/**
 * The assessment mutations: define a round, import its scores.
 */
@Controller
class AssessmentImportController {

	private final AssessmentService service;

	private final AssessmentRepository assessments;

	AssessmentImportController(AssessmentService service, AssessmentRepository assessments) {
		this.service = service;
		this.assessments = assessments;
	}

	@MutationMapping
	Mono<AssessmentRound> defineAssessmentRound(@Argument DefineRoundInput input) {
		return this.service.defineRound(input);
	}

	@MutationMapping
	Mono<ImportResult> importAssessment(@Argument Framework framework, @Argument int year, @Argument String csv,
			@Argument @Nullable Block replace, @Argument boolean validateOnly) {
		return this.service.importCsv(framework, year, csv, replace, validateOnly);
	}

	@SchemaMapping(typeName = "AssessmentImportResult")
	Mono<AssessmentRound> round(ImportResult result) {
		return this.assessments.findRound(result.framework(), result.year());
	}

}
