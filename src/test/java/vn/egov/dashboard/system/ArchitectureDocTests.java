package vn.egov.dashboard.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/architecture.md} matches the code: every class it names exists, and every
 * step of the request pipeline takes its order from {@link RequestPipeline}.
 */
class ArchitectureDocTests {

	private static final Path SOURCES = Path.of("src/main/java");

	/** Words shaped like a class name: two or more capitalised parts. */
	private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\\b");

	/** Words of that shape in the page that are not classes of this project. */
	private static final Set<String> NOT_OURS = Set.of("GraphQL", "PostgreSQL", "WebSocket", "JavaScript", "ETag",
			"QueryMapping", "BatchMapping", "ArchitectureDocTests", "GraphiQL");

	@Test
	void shouldNameOnlyClassesThatExist() throws IOException {
		String page = Files.readString(Path.of("docs/architecture.md"));
		Set<String> existing = classNames();
		Set<String> named = new TreeSet<>();
		Matcher matcher = CLASS_NAME.matcher(page);
		while (matcher.find()) {
			named.add(matcher.group());
		}
		named.removeAll(NOT_OURS);
		assertThat(named).contains("RequestPipeline", "CachedAnswerFilter", "CompiledExecutionStrategy");
		assertThat(existing).containsAll(named);
	}

	@Test
	void shouldTakeEveryPipelineOrderFromOneClass() throws IOException {
		Pattern literalOrder = Pattern.compile("getOrder\\(\\) \\{\\s+return (?!RequestPipeline\\.)");
		Pattern pipelineStep = Pattern.compile("(implements [^{]*(WebFilter|WebExceptionHandler"
				+ "|DataFetcherExceptionResolver|WebGraphQlInterceptor|WebSocketGraphQlInterceptor)"
				+ "|extends SimplePerformantInstrumentation)\\b");
		Pattern literalAnnotation = Pattern.compile("@Order\\((?!RequestPipeline\\.)");
		List<String> offenders;
		try (Stream<Path> files = Files.walk(SOURCES)) {
			offenders = files.filter((file) -> file.toString().endsWith(".java")).filter((file) -> {
				String source = read(file);
				return pipelineStep.matcher(source).find()
						&& (literalOrder.matcher(source).find() || literalAnnotation.matcher(source).find());
			}).map(Path::toString).toList();
		}
		assertThat(offenders).isEmpty();
	}

	private static Set<String> classNames() throws IOException {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			Set<String> names = new TreeSet<>();
			files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".java"))
				.forEach((name) -> names.add(name.substring(0, name.length() - ".java".length())));
			return names;
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
