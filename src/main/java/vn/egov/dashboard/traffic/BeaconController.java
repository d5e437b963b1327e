package vn.egov.dashboard.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import vn.egov.dashboard.graphql.ErrorBodies;
import vn.egov.dashboard.ratelimit.WriteBudgets;
import vn.egov.dashboard.visitor.Visitors;

/**
 * The beacon: {@code POST /api/hits} with one hit or an array of hits as JSON,
 * {@code {"site": "CDSQG", "path": "/…", "title": "…", "visitorId": "…", "member":
 * false}}. The body may be sent as {@code application/json} or as {@code text/plain}
 * (what {@code navigator.sendBeacon} sends with a string, and which needs no CORS
 * preflight). Answers without touching the database:
 * <ul>
 * <li>202 with a {@link HitReceipt}: the good hits will be counted, bad ones are listed
 * by index;</li>
 * <li>400 when the body is not JSON, or not an object or an array;</li>
 * <li>413 when it carries more hits than {@code egov.traffic.max-hits-per-request} or is
 * too large;</li>
 * <li>429 when the client's beacon budget cannot pay for every hit of the request (one
 * token a hit: the rate limiter took one for the request, the others are taken here);
 * none of them is counted;</li>
 * <li>503 with {@code Retry-After} when the buffer is full (the hits are not counted:
 * send them again).</li>
 * </ul>
 * Refused hits are counted in {@code egov.hits.rejected} by {@code reason}:
 * {@code malformed}, {@code too-many}, {@code rate-limited}, and those of
 * {@link HitService}.
 */
@RestController
class BeaconController {

	static final int MAX_BODY_CHARS = 64 * 1024;

	private final HitService hits;

	private final Visitors visitors;

	private final WriteBudgets budgets;

	private final JsonMapper json;

	private final Counter malformed;

	private final Counter tooMany;

	private final Counter rateLimited;

	BeaconController(HitService hits, Visitors visitors, WriteBudgets budgets, JsonMapper json, MeterRegistry meters) {
		this.hits = hits;
		this.visitors = visitors;
		this.budgets = budgets;
		this.json = json;
		this.malformed = HitService.rejectedCounter(meters, "malformed");
		this.tooMany = HitService.rejectedCounter(meters, "too-many");
		this.rateLimited = HitService.rejectedCounter(meters, "rate-limited");
	}

	@PostMapping("/api/hits")
	ResponseEntity<?> hits(@RequestBody(required = false) @Nullable String body, ServerWebExchange exchange) {
		if (body == null || body.isBlank()) {
			return problem(HttpStatus.BAD_REQUEST, "the body must be a hit or an array of hits as JSON", this.malformed,
					1);
		}
		if (body.length() > MAX_BODY_CHARS) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, "the body must be at most " + MAX_BODY_CHARS + " characters",
					this.tooMany, 1);
		}
		Object parsed;
		try {
			parsed = this.json.readValue(body, Object.class);
		}
		catch (JacksonException ex) {
			return problem(HttpStatus.BAD_REQUEST, "the body is not valid JSON", this.malformed, 1);
		}
		List<?> items = (parsed instanceof List<?> list) ? list
				: (parsed instanceof Map<?, ?>) ? List.of(parsed) : null;
		if (items == null) {
			return problem(HttpStatus.BAD_REQUEST, "the body must be a JSON object or an array of objects",
					this.malformed, 1);
		}
		if (items.size() > this.hits.maxHitsPerRequest()) {
			return problem(HttpStatus.CONTENT_TOO_LARGE,
					"at most " + this.hits.maxHitsPerRequest() + " hits per request, got " + items.size(), this.tooMany,
					items.size());
		}
		Map<String, Object> refused = this.budgets.takeMore(exchange, WriteBudgets.BEACON, items.size() - 1L);
		if (refused != null) {
			this.rateLimited.increment(items.size());
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(refused);
		}
		List<Hit> given = new ArrayList<>(items.size());
		for (Object item : items) {
			given.add(toHit(item));
		}
		ServerHttpRequest request = exchange.getRequest();
		HitReceipt receipt = this.hits.record(given,
				this.visitors.of(request.getRemoteAddress(), request.getHeaders(), null).fallbackKey());
		if (receipt.dropped() > 0) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, "1")
				.body(receipt);
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(receipt);
	}

	private static Hit toHit(@Nullable Object item) {
		if (!(item instanceof Map<?, ?> map)) {
			return new Hit(null, null, null, null, null);
		}
		return new Hit(text(map.get("site")), text(map.get("path")), text(map.get("title")), text(map.get("visitorId")),
				flag(map.get("member")));
	}

	private static @Nullable Object text(@Nullable Object value) {
		return (value == null || value instanceof String) ? value : Hit.INVALID;
	}

	private static @Nullable Object flag(@Nullable Object value) {
		return (value == null || value instanceof Boolean) ? value : Hit.INVALID;
	}

	private ResponseEntity<Map<String, Object>> problem(HttpStatus status, String message, Counter reason,
			int rejectedHits) {
		reason.increment(rejectedHits);
		return ResponseEntity.status(status).body(ErrorBodies.body(message, ErrorBodies.extensions(status)));
	}

}
