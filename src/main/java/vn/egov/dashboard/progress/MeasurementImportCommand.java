package vn.egov.dashboard.progress;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.csv.ImportCommand;

/**
 * Imports measurements from the command line, then exits (exit codes:
 * {@link ImportCommand}):
 *
 * <pre>
 * java -jar egov-dashboard.jar --spring.main.web-application-type=none \
 *     --egov.measurement.import.file=measurements.csv
 * </pre>
 *
 * plus {@code --egov.measurement.import.validate-only=true} to check the file and write
 * nothing.
 */
@Component
@ConditionalOnProperty(name = "egov.measurement.import.file")
class MeasurementImportCommand extends ImportCommand {

	private final MeasurementImportService service;

	private final boolean validateOnly;

	MeasurementImportCommand(MeasurementImportService service, ConfigurableApplicationContext context,
			@Value("${egov.measurement.import.validate-only:false}") boolean validateOnly,
			@Value("${egov.measurement.import.file}") String file) {
		super(context, file);
		this.service = service;
		this.validateOnly = validateOnly;
	}

	@Override
	protected Mono<MeasurementImportResult> importing(String csv) {
		return this.service.importCsv(csv, this.validateOnly);
	}

}
