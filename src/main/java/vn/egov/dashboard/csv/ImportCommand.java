package vn.egov.dashboard.csv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.NotFoundException;
import vn.egov.dashboard.security.Caller;
import vn.egov.dashboard.security.CallerAuthentication;

/**
 * An import from the command line, which then exits: prints what was imported (or, when
 * only validating, what would be), or every problem; exit code 0 when the file has no
 * problems, 1 when it has (nothing written), 2 when the file, or what the import names,
 * cannot be found or used. The import is audited as the command line
 * ({@code cli:<user>}).
 */
public abstract class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

	public static final int IMPORTED = 0;

	public static final int REJECTED = 1;

	public static final int UNUSABLE = 2;

	private final ConfigurableApplicationContext context;

	private final String file;

	private int exitCode = UNUSABLE;

	protected ImportCommand(ConfigurableApplicationContext context, String file) {
		this.context = context;
		this.file = file;
	}

	/** Imports (or validates) {@code csv}. */
	protected abstract Mono<? extends ImportOutcome> importing(String csv);

	@Override
	public void run(ApplicationArguments args) {
		this.exitCode = execute(Path.of(this.file), System.out);
		System.exit(SpringApplication.exit(this.context, this));
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/** Imports {@code file} and reports to {@code out}; answers the exit code. */
	public int execute(Path file, PrintStream out) {
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
			ImportOutcome result = importing(csv)
				.contextWrite(
						ReactiveSecurityContextHolder.withAuthentication(new CallerAuthentication(Caller.COMMAND_LINE)))
				.block(Duration.ofMinutes(5));
			if (result == null) {
				out.println("The import of " + file + " gave no result");
				return UNUSABLE;
			}
			if (result.errors().isEmpty()) {
				out.println(result.describe(file.toString()));
			}
			else {
				out.println("Nothing imported: " + file + " has " + result.errors().size() + " problem(s):");
				result.errors().forEach((problem) -> out.println("  " + problem));
			}
			result.warnings().forEach((warning) -> out.println("  warning: " + warning));
			return result.errors().isEmpty() ? IMPORTED : REJECTED;
		}
		catch (NotFoundException | InvalidInputException ex) {
			out.println(ex.getMessage());
			return UNUSABLE;
		}
	}

}
