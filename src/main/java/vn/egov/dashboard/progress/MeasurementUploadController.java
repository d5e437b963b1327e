package vn.egov.dashboard.progress;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

import vn.egov.dashboard.csv.CsvUploadController;

/**
 * Imports measurements from an uploaded CSV file, for files too large for a GraphQL
 * request: {@code POST /measurements} with the file as the body ({@code text/csv}) or as
 * the {@code file} part of a form, and optionally {@code ?validateOnly=true}. Answers
 * what {@code importMeasurements} answers (statuses: {@link CsvUploadController}).
 */
@RestController
class MeasurementUploadController extends CsvUploadController {

	static final String PATH = "/measurements";

	private final MeasurementImportService service;

	MeasurementUploadController(MeasurementImportService service,
			@Value("${egov.import.upload-max-size:10MB}") DataSize maxSize) {
		super("measurements", maxSize);
		this.service = service;
	}

	@PostMapping(path = PATH,
			consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE },
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<MeasurementImportResult>> upload(@RequestParam(defaultValue = "false") boolean validateOnly,
			@RequestBody Flux<DataBuffer> body) {
		return text(body).flatMap((csv) -> this.service.importCsv(csv, validateOnly)).map(CsvUploadController::respond);
	}

	@PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<MeasurementImportResult>> uploadForm(@RequestParam(defaultValue = "false") boolean validateOnly,
			@RequestPart("file") Mono<FilePart> file) {
		return text(file).flatMap((csv) -> this.service.importCsv(csv, validateOnly)).map(CsvUploadController::respond);
	}

}
