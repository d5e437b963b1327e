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

import vn.egov.dashboard.graphql.ErrorBodies;
import vn.egov.dashboard.graphql.InvalidInputException;

/**
 * Imports a round's scores from an uploaded CSV file, for files too large for a GraphQL
 * request: {@code POST /assessments/{framework}/{year}/scores} with the file as the body
 * ({@code text/csv}) or as the {@code file} part of a {@code multipart/form-data} form.
 * Answers the same result as {@code importAssessment}: 200 when imported, 422 with
 * {@code errors} (each with its line, column and message) when not. A request that cannot
 * be imported at all gets one GraphQL-shaped error ({@link ErrorBodies}): 404 for an
 * unknown round, 400 for a file that is not UTF-8, 413 for a file over
 * {@code egov.assessment.upload-max-size}, 401/403 without the ADMIN or ANALYST role.
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
	Mono<ResponseEntity<Map<String, Object>>> denied(AccessDeniedException ex, ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.map((caller) -> error(HttpStatus.FORBIDDEN, "Forbidden: importing scores needs role ADMIN or ANALYST"))
			.defaultIfEmpty(ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
				.body(ErrorBodies.body(
						"Not signed in: send a bearer token (Authorization: Bearer …) or an API key (X-API-Key)",
						ErrorBodies.extensions(HttpStatus.UNAUTHORIZED))));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> notFound(AssessmentRoundNotFoundException ex) {
		return error(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> invalid(InvalidInputException ex) {
		Map<String, Object> extensions = ErrorBodies.extensions(HttpStatus.BAD_REQUEST);
		extensions.put("field", ex.field());
		return ResponseEntity.badRequest().body(ErrorBodies.body(ex.getMessage(), extensions));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> tooLarge(DataBufferLimitException ex) {
		return error(HttpStatus.CONTENT_TOO_LARGE, "the file is larger than " + this.maxBytes + " bytes");
	}

	/** A refusal in the shape of every error of this API ({@link ErrorBodies}). */
	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(ErrorBodies.body(message, ErrorBodies.extensions(status)));
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
