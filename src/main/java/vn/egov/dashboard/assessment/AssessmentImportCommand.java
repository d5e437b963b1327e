package vn.egov.dashboard.assessment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.security.Caller;
import vn.egov.dashboard.security.CallerAuthentication;
import vn.egov.dashboard.graphql.NotFoundException;

/**
 * Imports a round's scores from the command line, then exits:
 *
 * <pre>
 * java -jar egov-dashboard.jar --spring.main.web-application-type=none \
 *     --egov.assessment.import.framework=DTI --egov.assessment.import.year=2025 \
 *     --egov.assessment.import.file=dti-2025.csv
 * </pre>
 *
 * Prints what was imported, or every problem; exit code 0 when imported, 1 when the file
 * has errors (nothing written), 2 when the file or the round cannot be found.
 */
@Component
@ConditionalOnProperty(name = "egov.assessment.import.file")
class AssessmentImportCommand implements ApplicationRunner, ExitCodeGenerator {

	static final int IMPORTED = 0;

	static final int REJECTED = 1;

	static final int UNUSABLE = 2;

	private final AssessmentService service;

	private final ConfigurableApplicationContext context;

	private final Framework framework;

	private final int year;

	private final String file;

	private int exitCode = UNUSABLE;

	AssessmentImportCommand(AssessmentService service, ConfigurableApplicationContext context,
			@Value("${egov.assessment.import.framework}") Framework framework,
			@Value("${egov.assessment.import.year}") int year, @Value("${egov.assessment.import.file}") String file) {
		this.service = service;
		this.context = context;
		this.framework = framework;
		this.year = year;
		this.file = file;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.exitCode = execute(this.framework, this.year, Path.of(this.file), System.out);
		System.exit(SpringApplication.exit(this.context, this));
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/** Imports {@code file} and reports to {@code out}; answers the exit code. */
	int execute(Framework framework, int year, Path file, PrintStream out) {
		String csv;
		try {
			csv = CsvText.decode(Files.readAllBytes(file));
		}
		catch (NoSuchFileException ex) {
			out.println("No such file: " + file);
			return UNUSABLE;
		}
		catch (IOException ex) {
			out.println("Cannot read " + file + ": " + ex.getMessage());
			return UNUSABLE;
		}
		catch (InvalidInputException ex) {
			out.println(file + " " + ex.getMessage().substring("file ".length()));
			return UNUSABLE;
		}
		try {
			// An operator on the server itself: audited as the command line.
			ImportResult result = this.service.importCsv(framework, year, csv)
				.contextWrite(
						ReactiveSecurityContextHolder.withAuthentication(new CallerAuthentication(Caller.COMMAND_LINE)))
				.block(Duration.ofMinutes(5));
			if (result == null) {
				out.println("The import of " + file + " gave no result");
				return UNUSABLE;
			}
			if (result.imported()) {
				out.println("Imported " + result.rowsImported() + " scores from " + file + " into " + framework + " "
						+ year + " (replaced " + result.rowsReplaced() + ").");
			}
			else {
				out.println("Nothing imported: " + file + " has " + result.errors().size() + " problem(s):");
				result.errors().forEach((problem) -> out.println("  " + problem));
			}
			result.warnings().forEach((warning) -> out.println("  warning: " + warning));
			return result.imported() ? IMPORTED : REJECTED;
		}
		catch (NotFoundException | InvalidInputException ex) {
			out.println(ex.getMessage());
			return UNUSABLE;
		}
	}

}
