package vn.egov.dashboard.traffic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;

import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Runs a demo-data SQL script from the classpath, one statement at a time, in order. A
 * line {@code -- step: what} starts a step; the step's progress line says how many rows
 * its statements touched. Statements end with {@code ;} at the end of a line (the scripts
 * keep semicolons out of their strings).
 */
public final class SqlSteps {

	private static final String STEP = "-- step:";

	private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(\\n|$)");

	private SqlSteps() {
	}

	/**
	 * Runs {@code resource} (e.g. {@code demo/poll/poll.sql}); emits "Demo data: step (n
	 * rows)" per step.
	 */
	public static Flux<String> run(DatabaseClient db, String resource) {
		return Flux.fromIterable(steps(read(resource)))
			.concatMap((step) -> Flux.fromIterable(step.statements())
				.concatMap((sql) -> db.sql(sql).fetch().rowsUpdated())
				.reduce(0L, Long::sum)
				.map((rows) -> "Demo data: " + step.name() + " (" + rows + " rows)"));
	}

	static List<Step> steps(String script) {
		List<Step> steps = new ArrayList<>();
		String name = null;
		StringBuilder body = new StringBuilder();
		for (String line : script.split("\n", -1)) {
			if (line.startsWith(STEP)) {
				if (name != null) {
					steps.add(new Step(name, statements(body.toString())));
				}
				name = line.substring(STEP.length()).strip();
				body.setLength(0);
			}
			else if (name != null && !line.stripLeading().startsWith("--")) {
				body.append(line).append('\n');
			}
		}
		if (name != null) {
			steps.add(new Step(name, statements(body.toString())));
		}
		return steps;
	}

	private static List<String> statements(String body) {
		return STATEMENT_END.splitAsStream(body).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

	private static String read(String resource) {
		try {
			return new ClassPathResource(resource).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

	record Step(String name, List<String> statements) {
	}

}
