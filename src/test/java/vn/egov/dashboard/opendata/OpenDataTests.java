package vn.egov.dashboard.opendata;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open-data downloads and their catalogue, over HTTP as a browser, a spreadsheet or a
 * script fetches them.
 */
class OpenDataTests extends IntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WebTestClient http;

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(java.time.Duration.ofMinutes(2))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.build();
	}

	@Test
	void shouldDownloadEveryDatasetOfTheCatalogueAsCsvAndJsonWithTheRowsOfTheGraphQlAnswer() {
		JsonNode catalogue = json(get("/data").expectStatus().isOk().expectBody().returnResult());
		assertThat(catalogue.get("license").asText()).isEqualTo("https://creativecommons.org/licenses/by/4.0/");
		List<String> ids = new ArrayList<>();
		catalogue.get("dataset").forEach((dataset) -> ids.add(dataset.get("identifier").asText()));
		assertThat(ids)
			.contains("rankings/DTI/2024/PROVINCES", "rankings/DTI/2024/PROVINCES_POST_MERGER", "targets",
					"agencies/P01/assessments", "agencies/P25-2025/assessments", "traffic/CDSQG")
			.anyMatch((id) -> id.startsWith("polls/"))
			.doesNotHaveDuplicates();
		// Two datasets at a time: each is three requests and a comparison.
		Integer rows = Flux.fromIterable(catalogue.get("dataset").valueStream().toList())
			.flatMap((dataset) -> Mono.fromCallable(() -> check(dataset)).subscribeOn(Schedulers.boundedElastic()), 2)
			.reduce(0, Integer::sum)
			.block();
		assertThat(catalogue.get("dataset").size()).isGreaterThan(100);
		assertThat(rows).isGreaterThan(5000);
	}

	@Test
	void shouldOpenTheDti2024TableInExcelWithVietnameseIntact() {
		EntityExchangeResult<byte[]> result = get("/data/rankings/DTI/2024/PROVINCES_POST_MERGER.csv").expectStatus()
			.isOk()
			.expectHeader()
			.contentType("text/csv;charset=UTF-8")
			.expectBody()
			.returnResult();
		byte[] body = result.getResponseBody();
		assertThat(new byte[] { body[0], body[1], body[2] }).containsExactly(0xEF, 0xBB, 0xBF);
		assertThat(result.getResponseHeaders().getContentDisposition().getFilename())
			.isEqualTo("rankings-DTI-2024-PROVINCES_POST_MERGER.csv");
		assertThat(Normalizer.isNormalized(new String(body, StandardCharsets.UTF_8), Normalizer.Form.NFC)).isTrue();
		List<CSVRecord> records = csv(result, null);
		assertThat(records).hasSize(34);
		// Hà Nội's published DTI 2024 total, first of the 34 provinces
		CSVRecord first = records.get(0);
		assertThat(first.get("agency_name") + " " + first.get("rank") + " " + first.get("score") + " "
				+ first.get("sample"))
			.isEqualTo("Hà Nội 1 0.8241 false");
		// "Xếp hạng 34 tỉnh, thành phố sau sắp xếp; …": a note with commas, quoted
		assertThat(first.get("note")).startsWith("Xếp hạng 34 tỉnh, thành phố sau sắp xếp");
		assertThat(csv(get("/data/rankings/DTI/2024/PROVINCES.csv").expectBody().returnResult(), null))
			.extracting((r) -> r.get("agency_name"))
			.hasSize(63)
			.contains("Bà Rịa - Vũng Tàu", "Thừa Thiên Huế", "Đắk Lắk");
		// a text with commas and quotes survives, quoted as RFC 4180 says
		define(2086);
		import2086("PROVINCES_POST_MERGER,P01,,0.5,,\"Quyết định 1819/QĐ-TTg, \"\"trích dẫn\"\", tr. 2\"\n");
		List<CSVRecord> quoted = csv(get("/data/rankings/DTI/2086/PROVINCES_POST_MERGER.csv").expectStatus()
			.isOk()
			.expectBody()
			.returnResult(), null);
		assertThat(quoted).singleElement()
			.satisfies((r) -> assertThat(r.get("note")).isEqualTo("Quyết định 1819/QĐ-TTg, \"trích dẫn\", tr. 2"));
		assertThat(new String(
				get("/data/rankings/DTI/2086/PROVINCES_POST_MERGER.csv").expectBody().returnResult().getResponseBody(),
				StandardCharsets.UTF_8))
			.contains("\"Quyết định 1819/QĐ-TTg, \"\"trích dẫn\"\", tr. 2\"");
	}

	@Test
	void shouldAnswerConditionalGetsWithNotModifiedUntilTheDataChanges() {
		define(2071);
		import2071("0.5");
		String url = "/data/rankings/DTI/2071/PROVINCES_POST_MERGER.json";
		EntityExchangeResult<byte[]> first = get(url).expectStatus().isOk().expectBody().returnResult();
		String etag = first.getResponseHeaders().getETag();
		assertThat(etag).startsWith("W/\"");
		assertThat(first.getResponseHeaders().getCacheControl()).isEqualTo("max-age=10, public");
		this.http.get()
			.uri(url)
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isNotModified()
			.expectBody()
			.isEmpty();
		import2071("0.6");
		EntityExchangeResult<byte[]> changed = this.http.get()
			.uri(url)
			.header(HttpHeaders.IF_NONE_MATCH, etag)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		assertThat(changed.getResponseHeaders().getETag()).isNotEqualTo(etag);
		assertThat(new String(changed.getResponseBody(), StandardCharsets.UTF_8)).contains("\"score\":0.6");
	}

	@Test
	void shouldAnswerUnknownDatasetsWithClientErrors() {
		get("/data/rankings/DTI/1999/PROVINCES.csv").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("No DTI round for 1999 (assessmentRounds lists the rounds; defineAssessmentRound creates one)");
		get("/data/nothing.csv").expectStatus().isNotFound();
		get("/data/rankings/DTI/2024/PROVINCES").expectStatus().isNotFound();
		get("/data/rankings/DTI/later/PROVINCES.csv").expectStatus().isBadRequest();
		get("/data/rankings/DTI/2024/NOWHERE.csv").expectStatus().isBadRequest();
		get("/data/agencies/NOBODY/assessments.json").expectStatus().isNotFound();
		get("/data/traffic/CDSQG.csv?granularity=YEARLY").expectStatus().isBadRequest();
	}

	/**
	 * Checks one dataset of the catalogue: its JSON and its CSV hold the rows of its
	 * GraphQL query's answer; returns how many.
	 */
	private int check(JsonNode dataset) {
		String id = dataset.get("identifier").asText();
		List<String> columns = new ArrayList<>();
		dataset.get("columns").forEach((c) -> columns.add(c.get("name").asText()));
		JsonNode distributions = dataset.get("distribution");
		assertThat(distributions).hasSize(2);
		String csvUrl = distributions.get(0).get("downloadURL").asText();
		String jsonUrl = distributions.get(1).get("downloadURL").asText();
		assertThat(csvUrl).isEqualTo("http://localhost:" + this.port + "/data/" + id + ".csv");
		assertThat(distributions.get(0).get("mediaType").asText()).isEqualTo("text/csv");
		assertThat(jsonUrl).isEqualTo("http://localhost:" + this.port + "/data/" + id + ".json");
		assertThat(distributions.get(1).get("mediaType").asText()).isEqualTo("application/json");
		JsonNode downloaded = json(get(jsonUrl).expectBody().returnResult(), id);
		// the rows of the same query, asked over /graphql as any client would
		List<Map<String, String>> expected = flatten(graphQl(dataset.get("graphql")), dataset);
		List<Map<String, String>> fromJson = new ArrayList<>();
		downloaded.forEach((row) -> {
			assertThat(row.propertyNames()).as(id).containsExactlyElementsOf(columns);
			fromJson.add(texts(row));
		});
		assertThat(fromJson).as(id).isEqualTo(expected);
		List<CSVRecord> records = csv(get(csvUrl).expectStatus().isOk().expectBody().returnResult(), columns);
		List<Map<String, String>> fromCsv = records.stream().map(CSVRecord::toMap).toList();
		assertThat(fromCsv).as(id).isEqualTo(expected);
		return expected.size();
	}

	private WebTestClient.ResponseSpec get(String url) {
		return this.http.get().uri(url).exchange();
	}

	private JsonNode graphQl(JsonNode request) {
		Map<String, Object> body = new HashMap<>();
		body.put("query", request.get("query").asText());
		body.put("variables", JSON.convertValue(request.get("variables"), Map.class));
		JsonNode answer = json(this.http.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult());
		assertThat(answer.has("errors")).as(answer.toString()).isFalse();
		return answer.get("data");
	}

	/**
	 * The rows the catalogue says a dataset has, read from a GraphQL answer: the items of
	 * {@code graphql.rows}, each column at its {@code field}.
	 */
	private static List<Map<String, String>> flatten(JsonNode data, JsonNode dataset) {
		JsonNode lists = dataset.get("graphql").get("rows");
		JsonNode variables = dataset.get("graphql").get("variables");
		List<Map<String, String>> rows = new ArrayList<>();
		JsonNode outer = at(data, lists.get(0).asText());
		String connection = lists.get(0).asText().replace(".edges", "");
		if (lists.get(0).asText().endsWith(".edges")) {
			assertThat(at(data, connection + ".pageInfo.hasNextPage").asBoolean()).isFalse();
		}
		for (JsonNode item : outer) {
			List<JsonNode> inner = new ArrayList<>();
			if (lists.size() > 1) {
				at(item, lists.get(1).asText()).forEach(inner::add);
			}
			else {
				inner.add(item);
			}
			for (JsonNode child : inner) {
				Map<String, String> row = new java.util.LinkedHashMap<>();
				for (JsonNode column : dataset.get("columns")) {
					String field = column.get("field").asText();
					JsonNode value = field.startsWith("$") ? variables.get(field.substring(1))
							: at((column.get("level").asInt() == 0) ? item : child, field);
					row.put(column.get("name").asText(), text(value));
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private static JsonNode at(JsonNode from, String path) {
		JsonNode node = from;
		for (String field : path.split("\\.")) {
			node = (node == null || node.isNull()) ? null : node.get(field);
		}
		return node;
	}

	private static Map<String, String> texts(JsonNode row) {
		Map<String, String> texts = new java.util.LinkedHashMap<>();
		row.properties().forEach((e) -> texts.put(e.getKey(), text(e.getValue())));
		return texts;
	}

	/** A JSON value as the CSV writes it: empty for null, decimals in plain form. */
	private static String text(JsonNode value) {
		if (value == null || value.isNull()) {
			return "";
		}
		if (value.isFloatingPointNumber()) {
			return new BigDecimal(value.asText()).toPlainString();
		}
		return value.asText();
	}

	private static JsonNode json(EntityExchangeResult<byte[]> result) {
		return JSON.readTree(new String(result.getResponseBody(), StandardCharsets.UTF_8));
	}

	private static JsonNode json(EntityExchangeResult<byte[]> result, String id) {
		assertThat(result.getStatus()).as(id + " " + new String(result.getResponseBody(), StandardCharsets.UTF_8))
			.isEqualTo(HttpStatus.OK);
		return json(result);
	}

	private static List<CSVRecord> csv(EntityExchangeResult<byte[]> result, List<String> columns) {
		String text = new String(result.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF");
		try {
			List<CSVRecord> records = CSVFormat.RFC4180.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(new StringReader(text.substring(1)))
				.getRecords();
			if (columns != null && !records.isEmpty()) {
				assertThat(records.get(0).getParser().getHeaderNames()).containsExactlyElementsOf(columns);
			}
			return records;
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private void define(int year) {
		asAdmin()
			.document("mutation { defineAssessmentRound(input: {framework: DTI, year: " + year
					+ ", categories: [{code: \"TOTAL\", name: \"Tổng thể\", kind: TOTAL, maxScore: 1}]}) { year } }")
			.execute()
			.path("defineAssessmentRound.year")
			.entity(Integer.class)
			.isEqualTo(year);
	}

	private void import2086(String line) {
		importCsv(2086, "block,agency_code,category,score,rank,note\n" + line);
	}

	private void import2071(String score) {
		importCsv(2071, "block,agency_code,category,score\nPROVINCES_POST_MERGER,P01,," + score + "\n");
	}

	private void importCsv(int year, String csv) {
		asAdmin()
			.document("mutation($csv: String!) { importAssessment(framework: DTI, year: " + year
					+ ", csv: $csv) { imported errors { message } } }")
			.variable("csv", csv)
			.execute()
			.path("importAssessment.imported")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

}
