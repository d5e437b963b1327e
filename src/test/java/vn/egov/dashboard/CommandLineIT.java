package vn.egov.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented command-line tools, run as an operator runs them: {@code java -jar} of
 * the packaged jar (this IT runs after {@code package}, in {@code ./mvnw verify}) with
 * the arguments README.md and docs/assessment.md give, against this run's own database
 * (named, like the server's, by {@code DB_NAME} in the environment). Each must print what
 * the docs say and exit with the documented code (issue 18, item 13: both stopped with
 * APPLICATION FAILED TO START and exit code 1).
 * <p>
 * The first command creates the database and loads the demo data, as on a fresh machine;
 * the others then run side by side (the failsafe plugin enables JUnit's parallel
 * execution), each reading and writing rows of its own.
 */
@Execution(ExecutionMode.CONCURRENT)
class CommandLineIT {

	private static final Pattern KEY = Pattern.compile("egov_([a-z2-7]{8})_[a-z2-7]{40}");

	private static final String OPERATOR = "cli:" + System.getProperty("user.name");

	/** The round the import examples write: one the demo data defines. */
	private static final String ROUND = "--egov.assessment.import.year=2024";

	private static Run firstAdminKey;

	@BeforeAll
	static void createTheFirstAdminKeyOnAFreshDatabase() throws Exception {
		firstAdminKey = run("--spring.main.web-application-type=none",
				"--egov.create-admin-key=Quản trị Cục Chuyển đổi số quốc gia");
	}

	@Test
	void shouldCreateTheFirstAdminKeyAsTheReadmeSays() throws Exception {
		Run run = firstAdminKey;
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("Created ADMIN API key ")
			.contains("(Quản trị Cục Chuyển đổi số quốc gia):")
			.contains("It is shown only now; the server keeps its hash. Send it as the X-API-Key header.")
			.doesNotContain("APPLICATION FAILED TO START");
		Matcher key = KEY.matcher(run.output());
		assertThat(key.find()).as("a key in %s", run.output()).isTrue();
		assertThat(count("api_key",
				"prefix = '" + key.group(1)
						+ "' AND role = 'ADMIN' AND label = 'Quản trị Cục Chuyển đổi số quốc gia' AND created_by = '"
						+ OPERATOR + "'"))
			.isEqualTo(1);
		assertThat(count("audit_entry", "action = 'createApiKey' AND actor = '" + OPERATOR + "'")).isEqualTo(1);
	}

	@Test
	void shouldRefuseAFileWithProblemsWithExitCode1AndWriteNothing(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("dti-2024.csv"), """
				block,agency_code,category,score,rank
				PROVINCES,P48,,0.8127,1
				PROVINCES,P999,,0.7,
				PROVINCES,P01,,"0,71",
				""", StandardCharsets.UTF_8);
		Run run = run("--spring.main.web-application-type=none", "--egov.assessment.import.framework=DTI", ROUND,
				"--egov.assessment.import.file=" + file);
		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.output()).contains("Nothing imported: " + file + " has 2 problem(s):")
			.contains("unknown agency 'P999'")
			.contains("'0,71' is not a number; write decimals with a point, e.g. 0.71");
		// Nothing written: the round still holds the demo data's scores, not the file's.
		assertThat(scores()).isGreaterThan(1);
		assertThat(count("assessment_score s JOIN assessment_round r ON r.id = s.round_id",
				"r.framework = 'DTI' AND r.year = 2024 AND s.score = 0.8127"))
			.isZero();
	}

	@Test
	void shouldImportAGoodFileWithExitCode0(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("dti-2024.csv"), """
				block,agency_code,category,score,rank
				PROVINCES,P48,,0.8123,1
				""", StandardCharsets.UTF_8);
		// One line replaces one block only, named: a partial file never empties the
		// round.
		Run run = run("--spring.main.web-application-type=none", "--egov.assessment.import.framework=DTI", ROUND,
				"--egov.assessment.import.replace=PROVINCES", "--egov.assessment.import.file=" + file);
		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).containsPattern("Imported 1 scores from " + Pattern.quote(file.toString())
				+ " into DTI 2024 block PROVINCES \\(replaced \\d+\\)\\.");
		assertThat(count("assessment_score s JOIN assessment_round r ON r.id = s.round_id",
				"r.framework = 'DTI' AND r.year = 2024 AND s.block = 'PROVINCES'"))
			.isEqualTo(1);
		assertThat(scores()).isGreaterThan(1);
		assertThat(count("audit_entry", "action = 'importAssessment' AND actor = '" + OPERATOR + "'")).isEqualTo(1);
	}

	@Test
	void shouldAnswerAMissingFileWithExitCode2(@TempDir Path dir) throws Exception {
		Path missing = dir.resolve("missing.csv");
		Run run = run("--spring.main.web-application-type=none", "--egov.assessment.import.framework=DTI", ROUND,
				"--egov.assessment.import.file=" + missing);
		assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
		assertThat(run.output()).contains("No such file: " + missing);
	}

	@Test
	void shouldValidateThenImportMeasurementsAsTheDocsSay(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("values.csv"), """
				indicator_code,agency_code,period,value,source,note
				MOBILE_READY_SERVICE_PORTALS,P68,2022-06-30,88.5,https://example.org/p68,Báo cáo 6 tháng
				""", StandardCharsets.UTF_8);
		String values = "indicator_code = 'MOBILE_READY_SERVICE_PORTALS' AND agency_code = 'P68' AND period = '2022-06-30'";
		Run checked = run("--spring.main.web-application-type=none", "--egov.measurement.import.validate-only=true",
				"--egov.measurement.import.file=" + file);
		assertThat(checked.exitCode()).as(checked.output()).isZero();
		assertThat(checked.output()).contains(
				"Checked " + file + ": importing it would write 1 new, 0 corrected, 0 unchanged; nothing was written.");
		assertThat(count("measurement", values)).isZero();
		Run bad = run("--spring.main.web-application-type=none", "--egov.measurement.import.file=" + Files.writeString(
				dir.resolve("bad.csv"),
				"indicator_code,agency_code,period,value,source\nMOBILE_READY_SERVICE_PORTALS,P68,2022-06-30,188,x\n"));
		assertThat(bad.exitCode()).as(bad.output()).isEqualTo(1);
		assertThat(bad.output()).contains("line 2 [value]: value is a percentage and must lie in 0–100");
		Run imported = run("--spring.main.web-application-type=none", "--egov.measurement.import.file=" + file);
		assertThat(imported.exitCode()).as(imported.output()).isZero();
		assertThat(imported.output())
			.contains("Imported measurements from " + file + ": 1 new, 0 corrected, 0 unchanged.");
		assertThat(count("measurement", values + " AND value = 88.5 AND note = 'Báo cáo 6 tháng'")).isEqualTo(1);
		assertThat(count("audit_entry", "action = 'importMeasurements' AND actor = '" + OPERATOR + "'")).isEqualTo(1);
	}

	private record Run(int exitCode, String output) {
	}

	/**
	 * Runs {@code java -jar target/egov-dashboard-*.jar} with {@code arguments}, on this
	 * run's database, and waits for it to exit.
	 */
	private static Run run(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-jar");
		command.add(jar().toString());
		command.addAll(List.of(arguments));
		File log = Files.createTempFile("egov-command", ".log").toFile();
		log.deleteOnExit();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
		builder.environment().put("DB_NAME", TestDatabase.NAME);
		// Like the test server (src/test/resources/config/application.yml): the pool's
		// fail-fast 2 s is too short while other builds load the machine. And a JVM that
		// starts faster; the command line itself is the documented one.
		builder.environment().put("SPRING_R2DBC_POOL_MAX_ACQUIRE_TIME", "10s");
		builder.environment().put("SPRING_R2DBC_POOL_MAX_CREATE_CONNECTION_TIME", "10s");
		builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
		Process process = builder.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("still running after 5 minutes: " + command);
		}
		return new Run(process.exitValue(), Files.readString(log.toPath(), StandardCharsets.UTF_8));
	}

	/** The jar {@code package} made: the one {@code target/egov-dashboard-*.jar}. */
	private static Path jar() throws IOException {
		try (var files = Files.list(Path.of("target"))) {
			List<Path> jars = files.filter((file) -> file.getFileName().toString().matches("egov-dashboard-.*\\.jar"))
				.toList();
			assertThat(jars).as("the jar made by package").hasSize(1);
			return jars.get(0);
		}
	}

	/** The scores of the DTI 2024 round. */
	private static long scores() throws SQLException {
		return count("assessment_score s JOIN assessment_round r ON r.id = s.round_id",
				"r.framework = 'DTI' AND r.year = 2024");
	}

	private static long count(String table, String where) throws SQLException {
		try (Connection connection = DriverManager.getConnection(TestDatabase.jdbcUrl(), TestDatabase.USER,
				TestDatabase.PASSWORD);
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT count(*) FROM " + table + " WHERE " + where)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
