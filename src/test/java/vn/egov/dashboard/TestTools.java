package vn.egov.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the Node scripts of {@code test-tools/} (a headless Chromium through
 * playwright-core, the graphql-http audit). Without {@code node} on the PATH the calling
 * test is skipped and says why; with node but without the scripts' packages
 * ({@code npm ci} in {@code test-tools/}, which {@code .ci/run} does) or without Chromium
 * it fails.
 */
public final class TestTools {

	/** The folder of the scripts. */
	public static final Path FOLDER = Path.of("test-tools");

	private TestTools() {
	}

	/** The Chromium to drive: {@code CHROMIUM_BIN}, else {@code /usr/bin/chromium}. */
	public static String chromium() {
		String given = System.getenv("CHROMIUM_BIN");
		Path path = Path.of((given != null && !given.isBlank()) ? given : "/usr/bin/chromium");
		assertThat(Files.isExecutable(path)).as("Chromium at %s (apt-get install chromium, or set CHROMIUM_BIN)", path)
			.isTrue();
		return path.toString();
	}

	/**
	 * Runs {@code node script args…} in {@code test-tools/} and answers what it printed;
	 * fails with its output when it exits with another status than 0.
	 */
	public static String node(String script, long timeoutSeconds, String... args) {
		Assumptions.assumeTrue(onPath("node"), "node is not installed: skipped (install Node.js 18+ and run "
				+ "npm ci in test-tools/ to run the browser and GraphQL-over-HTTP checks)");
		assertThat(FOLDER.resolve("node_modules/playwright-core")).as("run npm ci in test-tools/").isDirectory();
		List<String> command = new ArrayList<>(List.of("node", script));
		command.addAll(List.of(args));
		try {
			Path output = Files.createTempFile("test-tools", ".out");
			Process process = new ProcessBuilder(command).directory(FOLDER.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			boolean done = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
			if (!done) {
				process.destroyForcibly();
			}
			String printed = Files.readString(output, StandardCharsets.UTF_8);
			Files.delete(output);
			assertThat(done).as("%s finished within %d s; it printed:%n%s", script, timeoutSeconds, printed).isTrue();
			assertThat(process.exitValue()).as("exit status of %s; it printed:%n%s", script, printed).isZero();
			return printed;
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean onPath(String program) {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(java.io.File.pathSeparator))
			.stream()
			.anyMatch((folder) -> Files.isExecutable(Path.of(folder, program)));
	}

}
