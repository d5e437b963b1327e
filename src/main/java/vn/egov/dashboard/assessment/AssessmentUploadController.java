package vn.egov.dashboard.assessment;

import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import vn.egov.dashboard.graphql.InvalidInputException;

/**
 * Imports a round's scores from an uploaded CSV file, for files too large for a GraphQL
 * request: {@code POST /assessments/{framework}/{year}/scores} with the file as the body
 * ({@code text/csv}) or as the {@code file} part of a {@code multipart/form-data} form.
 * Answers the same result as {@code importAssessment}: 200 when imported, 422 with
 * {@code errors} when not, 404 for an unknown round, 413 for a file over
 * {@code egov.assessment.upload-max-size}; 401/403 without the ADMIN or ANALYST role.
 */
@RestController
class AssessmentUploadController {

	static final String PATH = "/assessments/{framework}/{year}/scores";

	private final AssessmentService service;

	private final int maxBytes;

	AssessmentUploadController(AssessmentService service,
			@Value("${egov.assessment.upload-max-size:10MB}") DataSize maxSize) {
		this.service = service;
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE, maxSize.toBytes());
	}

	@PostMapping(path = PATH,
			consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE },
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ImportResult>> upload(@PathVariable Framework framework, @PathVariable int year,
			@RequestBody Flux<DataBuffer> body) {
		return text(body).flatMap((csv) -> this.service.importCsv(framework, year, csv))
			.map(AssessmentUploadController::respond);
	}

	@PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ImportResult>> uploadForm(@PathVariable Framework framework, @PathVariable int year,
			@RequestPart("file") Mono<FilePart> file) {
		return file.flatMap((part) -> text(part.content()))
			.flatMap((csv) -> this.service.importCsv(framework, year, csv))
			.map(AssessmentUploadController::respond);
	}

	/**
	 * Anonymous: 401 (sign in); signed in without the ANALYST or ADMIN role: 403. Nothing
	 * was imported.
	 */
	@ExceptionHandler
	Mono<ResponseEntity<Map<String, String>>> denied(AccessDeniedException ex, ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.map((caller) -> ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(Map.of("message", "Forbidden: importing scores needs role ADMIN or ANALYST")))
			.defaultIfEmpty(ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
				.body(Map.of("message",
						"Not signed in: send a bearer token (Authorization: Bearer …) or an API key (X-API-Key)")));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> notFound(AssessmentRoundNotFoundException ex) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> invalid(InvalidInputException ex) {
		return ResponseEntity.badRequest().body(Map.of("message", ex.getMessage(), "field", ex.field()));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, String>> tooLarge(DataBufferLimitException ex) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(Map.of("message", "the file is larger than " + this.maxBytes + " bytes"));
	}

	private Mono<String> text(Flux<DataBuffer> content) {
		return DataBufferUtils.join(content, this.maxBytes).map((buffer) -> {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				return CsvText.decode(bytes);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}).defaultIfEmpty("");
	}

	private static ResponseEntity<ImportResult> respond(ImportResult result) {
		return ResponseEntity.status(result.imported() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT).body(result);
	}

}
