package vn.egov.dashboard.csv;

import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ServerWebExchange;

import vn.egov.dashboard.graphql.ErrorBodies;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.NotFoundException;

/**
 * What every CSV upload endpoint shares: the file as the request body or as the
 * {@code file} part of a form, read up to {@code egov.import.upload-max-size} and decoded
 * as UTF-8; the import's result with 200 when it has no errors, 422 with them. A request
 * that cannot be imported at all gets one GraphQL-shaped error ({@link ErrorBodies}): 404
 * for what the import names but does not exist, 400 for bad arguments or a file that is
 * not UTF-8, 413 for a file over the limit, 401/403 without the ADMIN or ANALYST role.
 */
public abstract class CsvUploadController {

	private final String records;

	private final int maxBytes;

	/**
	 * @param records what the file holds, for messages ("scores", "measurements")
	 * @param maxSize the largest file accepted
	 */
	protected CsvUploadController(String records, DataSize maxSize) {
		this.records = records;
		this.maxBytes = (int) Math.min(Integer.MAX_VALUE, maxSize.toBytes());
	}

	/** The text of a request body. */
	protected Mono<String> text(Flux<DataBuffer> content) {
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

	/** The text of the {@code file} part of a form. */
	protected Mono<String> text(Mono<FilePart> file) {
		return file.flatMap((part) -> text(part.content()));
	}

	/** 200 with the result when it has no errors, 422 with it when it has. */
	protected static <T extends ImportOutcome> ResponseEntity<T> respond(T result) {
		return ResponseEntity.status(result.errors().isEmpty() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_CONTENT)
			.body(result);
	}

	/**
	 * Anonymous: 401 (sign in); signed in without the ANALYST or ADMIN role: 403. Nothing
	 * was imported.
	 */
	@ExceptionHandler
	Mono<ResponseEntity<Map<String, Object>>> denied(AccessDeniedException ex, ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.map((caller) -> error(HttpStatus.FORBIDDEN,
					"Forbidden: importing " + this.records + " needs role ADMIN or ANALYST"))
			.defaultIfEmpty(ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
				.body(ErrorBodies.body(
						"Not signed in: send a bearer token (Authorization: Bearer …) or an API key (X-API-Key)",
						ErrorBodies.extensions(HttpStatus.UNAUTHORIZED))));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> notFound(NotFoundException ex) {
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

}
