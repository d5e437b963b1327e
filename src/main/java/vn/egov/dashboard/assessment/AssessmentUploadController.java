package vn.egov.dashboard.assessment;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

import vn.egov.dashboard.csv.CsvUploadController;

/**
 * Imports a round's scores from an uploaded CSV file, for files too large for a GraphQL
 * request: {@code POST /assessments/{framework}/{year}/scores} with the file as the body
 * ({@code text/csv}) or as the {@code file} part of a {@code multipart/form-data} form,
 * and optionally {@code ?replace=BLOCK} and {@code ?validateOnly=true}, as
 * {@code importAssessment} takes them. Answers what {@code importAssessment} answers
 * (statuses: {@link CsvUploadController}); 404 for an unknown round.
 */
@RestController
class AssessmentUploadController extends CsvUploadController {

	static final String PATH = "/assessments/{framework}/{year}/scores";

	private final AssessmentService service;

	AssessmentUploadController(AssessmentService service,
			@Value("${egov.import.upload-max-size:10MB}") DataSize maxSize) {
		super("scores", maxSize);
		this.service = service;
	}

	@PostMapping(path = PATH,
			consumes = { "text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE },
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ImportResult>> upload(@PathVariable Framework framework, @PathVariable int year,
			@RequestParam(required = false) @Nullable Block replace,
			@RequestParam(defaultValue = "false") boolean validateOnly, @RequestBody Flux<DataBuffer> body) {
		return text(body).flatMap((csv) -> this.service.importCsv(framework, year, csv, replace, validateOnly))
			.map(CsvUploadController::respond);
	}

	@PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<ImportResult>> uploadForm(@PathVariable Framework framework, @PathVariable int year,
			@RequestParam(required = false) @Nullable Block replace,
			@RequestParam(defaultValue = "false") boolean validateOnly, @RequestPart("file") Mono<FilePart> file) {
		return text(file).flatMap((csv) -> this.service.importCsv(framework, year, csv, replace, validateOnly))
			.map(CsvUploadController::respond);
	}

}
