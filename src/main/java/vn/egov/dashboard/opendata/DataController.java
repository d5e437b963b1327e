package vn.egov.dashboard.opendata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.NotFoundException;

/**
 * {@code GET /data}: the catalogue; {@code GET /data/{dataset}.csv} and {@code .json}:
 * the downloads. Answers carry {@code Cache-Control} (the max-age of the GraphQL answers,
 * {@code egov.cache.max-age}) and an {@code ETag} hashed from the body, and a GET whose
 * {@code If-None-Match} names it gets 304 Not Modified (Spring's {@code ResponseEntity}
 * handling).
 */
@RestController
@EnableConfigurationProperties(OpenDataProperties.class)
class DataController {

	static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	/** The byte-order mark that makes Excel read a CSV file as UTF-8. */
	static final String BOM = "\uFEFF";

	private final Datasets datasets;

	private final JsonMapper json;

	private final OpenDataProperties properties;

	private final CacheControl cacheControl;

	DataController(Datasets datasets, JsonMapper json, OpenDataProperties properties,
			@Value("${egov.cache.max-age}") Duration maxAge) {
		this.datasets = datasets;
		this.json = json;
		this.properties = properties;
		this.cacheControl = CacheControl.maxAge(maxAge).cachePublic();
	}

	@GetMapping("/data/{*path}")
	Mono<ResponseEntity<byte[]>> data(@PathVariable String path, @RequestParam Map<String, String> parameters,
			ServerWebExchange exchange) {
		String base = exchange.getRequest().getURI().resolve("/data/").toString();
		String id = path.replaceFirst("^/", "").replaceFirst("/$", "");
		if (id.isEmpty()) {
			return this.datasets.all()
				.map((all) -> answer(this.json.writeValueAsBytes(catalogue(all, base)), MediaType.APPLICATION_JSON,
						null));
		}
		boolean csv = id.endsWith(".csv");
		if (!csv && !id.endsWith(".json")) {
			throw new NotFoundException("No dataset at /data/" + id + ": add .csv or .json (GET /data lists them)");
		}
		String name = id.substring(0, id.lastIndexOf('.'));
		Dataset dataset = this.datasets.find(name, parameters);
		String file = name.replace('/', '-') + (csv ? ".csv" : ".json");
		return this.datasets.rows(dataset)
			.map((rows) -> csv ? answer(csv(dataset, rows), CSV, file)
					: answer(this.json.writeValueAsBytes(rows), MediaType.APPLICATION_JSON, file));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> notFound(NotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> badRequest(InvalidInputException ex) {
		return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(ex.getMessage())));
	}

	private ResponseEntity<byte[]> answer(byte[] body, MediaType type, @Nullable String file) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.ok()
			.contentType(type)
			.cacheControl(this.cacheControl)
			.eTag("W/\"" + sha256(body) + "\"");
		if (file != null) {
			builder.header("Content-Disposition",
					ContentDisposition.attachment().filename(file, StandardCharsets.UTF_8).build().toString());
		}
		return builder.body(body);
	}

	/**
	 * The DCAT-style catalogue: every dataset with its columns, query and downloads. A
	 * column's {@code field} is where the query's answer holds it (in the items of the
	 * list {@code graphql.rows[level]}, or {@code $variable}).
	 */
	private Map<String, Object> catalogue(List<Dataset> all, String base) {
		Map<String, Object> catalogue = new LinkedHashMap<>();
		catalogue.put("@type", "dcat:Catalog");
		catalogue.put("title", "Dữ liệu mở – Chính phủ số Việt Nam / Open data of the digital-government dashboard");
		catalogue.put("publisher", this.properties.publisher());
		catalogue.put("license", this.properties.licence());
		catalogue.put("dataset", all.stream().map((dataset) -> entry(dataset, base)).toList());
		return catalogue;
	}

	private Map<String, Object> entry(Dataset dataset, String base) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("@type", "dcat:Dataset");
		entry.put("identifier", dataset.id());
		entry.put("title", dataset.title());
		entry.put("titleEn", dataset.titleEn());
		entry.put("description", dataset.description());
		entry.put("license", this.properties.licence());
		entry.put("columns", dataset.table().columns().stream().map(DataController::column).toList());
		Map<String, Object> graphQl = new LinkedHashMap<>();
		graphQl.put("query", dataset.table().query());
		graphQl.put("variables", dataset.variables());
		graphQl.put("rows", dataset.table().lists());
		entry.put("graphql", graphQl);
		entry.put("distribution",
				List.of(distribution(base + dataset.id() + ".csv", "text/csv", "CSV (UTF-8 with BOM)"),
						distribution(base + dataset.id() + ".json", "application/json", "JSON")));
		return entry;
	}

	private static Map<String, Object> column(Column column) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("name", column.name());
		entry.put("description", column.description());
		entry.put("level", column.level());
		entry.put("field", column.path());
		return entry;
	}

	private static Map<String, Object> distribution(String url, String mediaType, String title) {
		return Map.of("@type", "dcat:Distribution", "title", title, "downloadURL", url, "mediaType", mediaType);
	}

	/** RFC 4180 CSV (commons-csv), UTF-8 with a byte-order mark, CRLF line ends. */
	private static byte[] csv(Dataset dataset, List<Map<String, @Nullable Object>> rows) {
		StringBuilder out = new StringBuilder(BOM);
		CSVFormat format = CSVFormat.RFC4180.builder()
			.setHeader(dataset.table().columns().stream().map(Column::name).toArray(String[]::new))
			.get();
		try (CSVPrinter printer = new CSVPrinter(out, format)) {
			for (Map<String, @Nullable Object> row : rows) {
				printer.printRecord(row.values().stream().map(DataController::text).toList());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** A value as CSV text: decimals as written in JSON, never in exponent form. */
	private static @Nullable String text(@Nullable Object value) {
		if (value instanceof Double number) {
			return BigDecimal.valueOf(number).toPlainString();
		}
		return (value != null) ? value.toString() : null;
	}

	private static String sha256(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 32);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
