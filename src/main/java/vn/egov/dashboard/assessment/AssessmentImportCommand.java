package vn.egov.dashboard.assessment;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.csv.ImportCommand;

/**
 * Imports a round's scores from the command line, then exits (exit codes:
 * {@link ImportCommand}):
 *
 * <pre>
 * java -jar egov-dashboard.jar --spring.main.web-application-type=none \
 *     --egov.assessment.import.framework=DTI --egov.assessment.import.year=2025 \
 *     --egov.assessment.import.file=dti-2025.csv
 * </pre>
 *
 * plus {@code --egov.assessment.import.replace=PROVINCES} to replace one block only and
 * {@code --egov.assessment.import.validate-only=true} to check the file and write
 * nothing, as {@code importAssessment} takes them.
 */
@Component
@ConditionalOnProperty(name = "egov.assessment.import.file")
class AssessmentImportCommand extends ImportCommand {

	private final AssessmentService service;

	private final Framework framework;

	private final int year;

	private final @Nullable Block replace;

	private final boolean validateOnly;

	AssessmentImportCommand(AssessmentService service, ConfigurableApplicationContext context,
			@Value("${egov.assessment.import.framework}") Framework framework,
			@Value("${egov.assessment.import.year}") int year,
			@Value("${egov.assessment.import.replace:#{null}}") @Nullable Block replace,
			@Value("${egov.assessment.import.validate-only:false}") boolean validateOnly,
			@Value("${egov.assessment.import.file}") String file) {
		super(context, file);
		this.service = service;
		this.framework = framework;
		this.year = year;
		this.replace = replace;
		this.validateOnly = validateOnly;
	}

	@Override
	protected Mono<ImportResult> importing(String csv) {
		return this.service.importCsv(this.framework, this.year, csv, this.replace, this.validateOnly);
	}

}
