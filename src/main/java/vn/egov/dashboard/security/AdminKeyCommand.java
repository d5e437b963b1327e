package vn.egov.dashboard.security;

import java.io.PrintStream;
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
import vn.egov.dashboard.security.ApiKeys.CreateApiKeyInput;
import vn.egov.dashboard.security.ApiKeys.CreatedApiKey;

/**
 * Creates an ADMIN API key on the command line — the first one on a new installation —
 * prints it once and exits:
 *
 * <pre>
 * java -jar egov-dashboard.jar --spring.main.web-application-type=none --egov.create-admin-key="Quản trị CĐSQG"
 * </pre>
 *
 * The write is audited with the actor {@code cli:<operating-system user>}. Exit code 0
 * when created, 1 otherwise.
 */
@Component
@ConditionalOnProperty(name = "egov.create-admin-key")
class AdminKeyCommand implements ApplicationRunner, ExitCodeGenerator {

	private final ApiKeys keys;

	private final ConfigurableApplicationContext context;

	private final String label;

	private int exitCode = 1;

	AdminKeyCommand(ApiKeys keys, ConfigurableApplicationContext context,
			@Value("${egov.create-admin-key}") String label) {
		this.keys = keys;
		this.context = context;
		this.label = label;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.exitCode = execute(this.label, System.out);
		System.exit(SpringApplication.exit(this.context, this));
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/** Creates the key and reports to {@code out}; answers the exit code. */
	int execute(String label, PrintStream out) {
		try {
			CreatedApiKey created = this.keys.create(new CreateApiKeyInput(label, Role.ADMIN, null))
				.contextWrite(
						ReactiveSecurityContextHolder.withAuthentication(new CallerAuthentication(Caller.COMMAND_LINE)))
				.block(Duration.ofMinutes(1));
			if (created == null) {
				out.println("No key was created");
				return 1;
			}
			out.println("Created ADMIN API key " + created.apiKey().id() + " (" + created.apiKey().label() + "):");
			out.println();
			out.println("  " + created.key());
			out.println();
			out.println("It is shown only now; the server keeps its hash. Send it as the X-API-Key header.");
			return 0;
		}
		catch (InvalidInputException ex) {
			out.println(ex.getMessage());
			return 1;
		}
	}

}
