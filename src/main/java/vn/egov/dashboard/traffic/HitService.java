package vn.egov.dashboard.traffic;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import vn.egov.dashboard.graphql.Texts;
import vn.egov.dashboard.traffic.HitReceipt.Rejection;
import vn.egov.dashboard.visitor.KeyedHash;

/**
 * Every write of traffic: checks each hit on its own (a bad one is rejected and counted,
 * the others go on), then hands the good ones to the {@link HitBuffer}, which
 * {@link HitFlusher} writes in batches. The beacon and the {@code recordHits} mutation
 * both come here; they are public, and may count views but change nothing curated: a
 * hit's title is kept only as the first reported title of a page hits created, and hits
 * create at most {@code max-pages-per-site} pages per site ({@link PageDirectory}).
 * <p>
 * Meters: {@code egov.hits.accepted}, {@code egov.hits.rejected} by {@code reason}
 * ({@code invalid}: a field failed its check; {@code page-limit}: a new path on a site
 * that has all the pages hits may create), {@code egov.hits.dropped} (valid hits refused
 * because the buffer was full).
 */
@Service
public class HitService {

	static final int MAX_SITE = 40;

	static final int MAX_PATH = 1000;

	static final int MAX_TITLE = 300;

	static final int MAX_VISITOR_ID = 128;

	private final SiteDirectory sites;

	private final PageDirectory pages;

	private final HitBuffer buffer;

	private final HitFlusher flusher;

	private final KeyedHash visitors;

	private final Clock clock;

	private final int flushSize;

	private final int maxHitsPerRequest;

	private final Counter accepted;

	private final Counter invalid;

	private final Counter overPageLimit;

	private final Counter dropped;

	HitService(SiteDirectory sites, PageDirectory pages, HitBuffer buffer, HitFlusher flusher,
			TrafficProperties properties, Clock clock, MeterRegistry meters) {
		this.sites = sites;
		this.pages = pages;
		this.buffer = buffer;
		this.flusher = flusher;
		this.visitors = KeyedHash.of(properties.visitorSalt(), "egov.traffic.visitor-salt");
		this.clock = clock;
		this.flushSize = properties.flushSize();
		this.maxHitsPerRequest = properties.maxHitsPerRequest();
		this.accepted = Counter.builder("egov.hits.accepted")
			.description("Page views accepted for counting")
			.register(meters);
		this.invalid = rejectedCounter(meters, "invalid");
		this.overPageLimit = rejectedCounter(meters, "page-limit");
		this.dropped = Counter.builder("egov.hits.dropped")
			.description("Valid page views refused because the buffer was full")
			.register(meters);
	}

	/**
	 * The counter of hits rejected for {@code reason}; the beacon counts its own reasons
	 * on it.
	 */
	static Counter rejectedCounter(MeterRegistry meters, String reason) {
		return Counter.builder("egov.hits.rejected")
			.description("Page views refused, by reason")
			.tag("reason", reason)
			.register(meters);
	}

	/** The most hits one request may carry. */
	int maxHitsPerRequest() {
		return this.maxHitsPerRequest;
	}

	/**
	 * Records hits received now; {@code fallbackVisitor} identifies hits without a
	 * visitor id.
	 */
	HitReceipt record(List<Hit> hits, String fallbackVisitor) {
		return record(hits, fallbackVisitor, this.clock.instant());
	}

	/**
	 * Records hits as received at {@code at}. Package-private with an explicit time for
	 * tests of bucketing; clients cannot choose the time of a hit.
	 */
	HitReceipt record(List<Hit> hits, String fallbackVisitor, Instant at) {
		List<AcceptedHit> good = new ArrayList<>(hits.size());
		List<Rejection> rejections = new ArrayList<>();
		for (int i = 0; i < hits.size(); i++) {
			Object checked = check(hits.get(i), fallbackVisitor);
			if (checked instanceof AcceptedHit hit) {
				good.add(hit);
			}
			else {
				Problem problem = (Problem) checked;
				rejections.add(new Rejection(i, problem.field(), problem.reason()));
				(problem.overPageLimit() ? this.overPageLimit : this.invalid).increment();
			}
		}
		if (good.isEmpty()) {
			return new HitReceipt(0, rejections.size(), 0, rejections);
		}
		if (!this.buffer.offer(good, at)) {
			this.dropped.increment(good.size());
			return new HitReceipt(0, rejections.size(), good.size(), rejections);
		}
		this.accepted.increment(good.size());
		if (this.buffer.pending() >= this.flushSize) {
			this.flusher.wake();
		}
		return new HitReceipt(good.size(), rejections.size(), 0, rejections);
	}

	/** Why a hit is rejected. */
	private record Problem(String field, String reason, boolean overPageLimit) {
	}

	/**
	 * An {@link AcceptedHit}, or a {@link Problem}. A new page is admitted last, once the
	 * hit is otherwise good.
	 */
	private Object check(Hit hit, String fallbackVisitor) {
		if (!(hit.site() instanceof String site) || site.isBlank()) {
			return problem("site", "is required text");
		}
		if (site.length() > MAX_SITE || !this.sites.contains(site)) {
			return problem("site", "is not a known site code");
		}
		if (!(hit.path() instanceof String rawPath) || rawPath.isBlank()) {
			return problem("path", "is required text");
		}
		if (Texts.unstorable(rawPath) != null) {
			return problem("path", Texts.unstorable(rawPath));
		}
		String path = withoutFragment(rawPath.strip());
		if (!path.startsWith("/")) {
			return problem("path", "must start with /");
		}
		if (path.length() > MAX_PATH) {
			return problem("path", "must be at most " + MAX_PATH + " characters");
		}
		if (hasControl(path)) {
			return problem("path", "must not contain control characters");
		}
		String title = null;
		if (hit.title() != null) {
			if (!(hit.title() instanceof String text)) {
				return problem("title", "must be text");
			}
			if (Texts.unstorable(text) != null) {
				return problem("title", Texts.unstorable(text));
			}
			title = clean(text);
			if (title != null && title.length() > MAX_TITLE) {
				return problem("title", "must be at most " + MAX_TITLE + " characters");
			}
		}
		String visitorId = null;
		if (hit.visitorId() != null) {
			if (!(hit.visitorId() instanceof String text)) {
				return problem("visitorId", "must be text");
			}
			if (Texts.unstorable(text) != null) {
				return problem("visitorId", Texts.unstorable(text));
			}
			visitorId = text.strip();
			if (visitorId.length() > MAX_VISITOR_ID || hasControl(visitorId)) {
				return problem("visitorId", "must be at most " + MAX_VISITOR_ID + " printable characters");
			}
		}
		boolean member = false;
		if (hit.member() != null) {
			if (!(hit.member() instanceof Boolean flag)) {
				return problem("member", "must be true or false");
			}
			member = flag;
		}
		if (!this.pages.admit(site, path)) {
			return new Problem("path",
					"is not a page of this site, and hits have created all the pages they may for a site ("
							+ this.pages.maxPages() + " pages); it is not counted",
					true);
		}
		long visitor = (visitorId != null && !visitorId.isEmpty())
				? this.visitors.bits64("id|" + site + "|" + visitorId)
				: this.visitors.bits64("client|" + fallbackVisitor);
		return new AcceptedHit(site, path, title, visitor, member);
	}

	private static Problem problem(String field, String reason) {
		return new Problem(field, reason, false);
	}

	private static String withoutFragment(String path) {
		int hash = path.indexOf('#');
		return (hash >= 0) ? path.substring(0, hash) : path;
	}

	/**
	 * The title with control characters as spaces, trimmed; null when nothing is left.
	 */
	private static @Nullable String clean(String title) {
		StringBuilder clean = new StringBuilder(title.length());
		title.codePoints().forEach((c) -> clean.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
		String result = clean.toString().strip();
		return result.isEmpty() ? null : result;
	}

	private static boolean hasControl(String text) {
		return text.codePoints().anyMatch(Character::isISOControl);
	}

}
