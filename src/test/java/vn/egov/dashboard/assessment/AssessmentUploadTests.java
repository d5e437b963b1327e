package vn.egov.dashboard.assessment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.csv.ImportCommand;
import vn.egov.dashboard.TestTokens;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two other ways in: the HTTP upload for large files and the command line. Both go
 * through the same service as the mutation, so the same checks apply.
 */
class AssessmentUploadTests extends IntegrationTests {

	private static final String GOOD = """
			block,agency_code,category,score
			PROVINCES,P01,,0.81
			PROVINCES,P22,,0.79
			""";

	private static final String BAD = """
			block,agency_code,category,score
			PROVINCES,P01,,0.81
			PROVINCES,P999,,1.5
			""";

	@LocalServerPort
	int port;

	@Autowired
	AssessmentService service;

	@Autowired
	ConfigurableApplicationContext context;

	private WebTestClient http;

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeaders((headers) -> headers.setBearerAuth(TestTokens.token("analyst", Role.ANALYST, null)))
			.build();
		for (int year : List.of(2087, 2088, 2089)) {
			asAdmin().documentName("assessment/defineAssessmentRound")
				.variable("input", Map.of("framework", "DTI", "year", year))
				.execute()
				.path("defineAssessmentRound.year")
				.entity(Integer.class)
				.isEqualTo(year);
		}
	}

	@Test
	void shouldImportAFilePostedAsTextCsv() {
		this.http.post()
			.uri("/assessments/DTI/2087/scores")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(GOOD)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.imported")
			.isEqualTo(true)
			.jsonPath("$.rowsImported")
			.isEqualTo(2)
			.jsonPath("$.errors")
			.isEmpty();
		assertThat(count("assessment_score s JOIN assessment_round r ON r.id = s.round_id", "r.year = 2087"))
			.isEqualTo(2);
	}

	@Test
	void shouldRefuseAnUploadWithoutTheAnalystRole() {
		long before = count("assessment_score s JOIN assessment_round r ON r.id = s.round_id", "r.year = 2088");
		WebTestClient anonymous = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		anonymous.post()
			.uri("/assessments/DTI/2088/scores")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(GOOD)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.errors[0].extensions.classification")
			.isEqualTo("UNAUTHORIZED")
			.jsonPath("$.errors[0].message")
			.value(String.class, (message) -> assertThat(message).startsWith("Not signed in"));
		anonymous.post()
			.uri("/assessments/DTI/2088/scores")
			.header("Authorization", "Bearer " + TestTokens.token("editor", Role.AGENCY_EDITOR, "P01"))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(GOOD)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.errors[0].extensions.classification")
			.isEqualTo("FORBIDDEN");
		assertThat(count("assessment_score s JOIN assessment_round r ON r.id = s.round_id", "r.year = 2088"))
			.isEqualTo(before);
	}

	@Test
	void shouldImportAFileUploadedFromAForm() {
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("file", new ByteArrayResource(GOOD.getBytes(StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return "dti-2088.csv";
			}
		}).contentType(MediaType.parseMediaType("text/csv"));
		this.http.post()
			.uri("/assessments/DTI/2088/scores")
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.imported")
			.isEqualTo(true)
			.jsonPath("$.rowsImported")
			.isEqualTo(2);
	}

	@Test
	void shouldAnswer422WithEveryProblemAndWriteNothing() {
		this.http.post()
			.uri("/assessments/DTI/2089/scores")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(BAD)
			.exchange()
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.imported")
			.isEqualTo(false)
			.jsonPath("$.errors.length()")
			.isEqualTo(2)
			.jsonPath("$.errors[1].column")
			.isEqualTo("score")
			.jsonPath("$.errors[0].line")
			.isEqualTo(3)
			.jsonPath("$.errors[0].column")
			.isEqualTo("agency_code")
			.jsonPath("$.errors[0].message")
			.isEqualTo("unknown agency 'P999'");
		assertThat(count("assessment_score s JOIN assessment_round r ON r.id = s.round_id", "r.year = 2089")).isZero();
	}

	@Test
	void shouldAnswer404ForAnUnknownRoundAnd400ForAFileThatIsNotUtf8() {
		this.http.post()
			.uri("/assessments/DTI/2098/scores")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(GOOD)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.errors[0].extensions.classification")
			.isEqualTo("NOT_FOUND")
			.jsonPath("$.errors[0].message")
			.value((String m) -> assertThat(m).startsWith("No DTI round for 2098"));
		byte[] windows1258 = "block,agency_code,category,score\nPROVINCES,P01,,0.5,Hà Nội\n"
			.getBytes(Charset.forName("windows-1258"));
		this.http.post()
			.uri("/assessments/DTI/2089/scores")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(windows1258)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.classification")
			.isEqualTo("BAD_REQUEST")
			.jsonPath("$.errors[0].extensions.field")
			.isEqualTo("file")
			.jsonPath("$.errors[0].message")
			.isEqualTo("file is not UTF-8 text; save it as \"CSV UTF-8\"");
	}

	@Test
	void shouldAnswer413ForAFileOverTheLimit() {
		byte[] large = new byte[10 * 1024 * 1024 + 1];
		Arrays.fill(large, (byte) 'a');
		this.http.post()
			.uri("/assessments/DTI/2089/scores")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(large)
			.exchange()
			.expectStatus()
			.isEqualTo(413);
	}

	@Test
	void shouldImportFromTheCommandLine(@TempDir Path dir) throws IOException {
		AssessmentImportCommand command = new AssessmentImportCommand(this.service, this.context, Framework.DTI, 2087,
				null, false, "unused");
		Path good = Files.writeString(dir.resolve("good.csv"), GOOD);
		Path bad = Files.writeString(dir.resolve("bad.csv"), BAD);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(command.execute(bad, new PrintStream(out, true, StandardCharsets.UTF_8)))
			.isEqualTo(ImportCommand.REJECTED);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("Nothing imported: " + bad + " has 2 problem(s):",
				"  line 3 [agency_code]: unknown agency 'P999'",
				"  line 3 [score]: score 1.5 is outside 0..1, the range of TOTAL in DTI 2087");
		out.reset();
		assertThat(command.execute(good, new PrintStream(out, true, StandardCharsets.UTF_8)))
			.isEqualTo(ImportCommand.IMPORTED);
		assertThat(out.toString(StandardCharsets.UTF_8))
			.startsWith("Imported 2 scores from " + good + " into DTI 2087");
		out.reset();
		assertThat(command.execute(dir.resolve("missing.csv"), new PrintStream(out, true, StandardCharsets.UTF_8)))
			.isEqualTo(ImportCommand.UNUSABLE);
		assertThat(new AssessmentImportCommand(this.service, this.context, Framework.DTI, 2098, null, false, "unused")
			.execute(good, new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(ImportCommand.UNUSABLE);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("No such file", "No DTI round for 2098");
	}

}
