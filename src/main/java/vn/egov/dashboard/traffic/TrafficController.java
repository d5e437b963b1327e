package vn.egov.dashboard.traffic;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import graphql.schema.DataFetchingEnvironment;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.visitor.Visitor;

/**
 * Traffic series, top pages, page counts, online now, and the {@code recordHits}
 * mutation.
 */
@Controller
class TrafficController {

	static final int MAX_POINTS = 5000;

	static final int DEFAULT_TOP_PAGES = 10;

	private final TrafficRepository traffic;

	private final SiteRepository sites;

	private final HitService hits;

	private final Clock clock;

	TrafficController(TrafficRepository traffic, SiteRepository sites, HitService hits, Clock clock) {
		this.traffic = traffic;
		this.sites = sites;
		this.hits = hits;
		this.clock = clock;
	}

	@QueryMapping
	Mono<List<TrafficPoint>> traffic(@Argument String siteCode, @Argument OffsetDateTime from,
			@Argument OffsetDateTime to, @Argument Granularity granularity) {
		List<Instant> starts = bucketStarts(granularity, from.toInstant(), to.toInstant());
		return site(siteCode)
			.flatMap((site) -> this.traffic.series(siteCode, granularity, starts.get(0), to.toInstant())
				.map((stored) -> withEmptyBuckets(site, granularity, starts, stored)));
	}

	@QueryMapping
	Mono<List<PageStats>> topPages(@Argument String siteCode, @Argument LocalDate from, @Argument LocalDate to,
			@Argument @Nullable Integer first) {
		int size = (first != null) ? first : DEFAULT_TOP_PAGES;
		if (to.isBefore(from)) {
			throw new InvalidInputException("to", "must not be before from");
		}
		return site(siteCode).then(this.traffic.topPages(siteCode, from, to, size).collectList());
	}

	@QueryMapping
	Mono<PageStats> page(@Argument String siteCode, @Argument String path) {
		return this.traffic.page(siteCode, path);
	}

	@QueryMapping
	Mono<Online> onlineNow(@Argument String siteCode) {
		return site(siteCode).then(this.traffic.online(siteCode, this.clock.instant()));
	}

	@SchemaMapping
	long total(Online online) {
		return online.total();
	}

	/**
	 * Public: the operation's hits were counted against {@code max-hits-per-request} and
	 * the client's beacon budget before it ran ({@link TrafficConfiguration}).
	 */
	@MutationMapping
	HitReceipt recordHits(DataFetchingEnvironment env, @ContextValue(name = Visitor.CONTEXT_KEY) Visitor visitor) {
		List<Map<String, Object>> hits = env.getArgument("hits");
		List<Hit> given = hits.stream()
			.map((h) -> new Hit(h.get("site"), h.get("path"), h.get("title"), h.get("visitorId"), h.get("member")))
			.collect(Collectors.toCollection(ArrayList::new));
		return this.hits.record(given, visitor.fallbackKey());
	}

	private Mono<Site> site(String code) {
		return this.sites.findByCode(code).switchIfEmpty(Mono.error(() -> new SiteNotFoundException(code)));
	}

	/**
	 * The start of every bucket from the one holding {@code from} to {@code to},
	 * exclusive.
	 */
	static List<Instant> bucketStarts(Granularity granularity, Instant from, Instant to) {
		BucketRange range = bucketRange(granularity, from, to);
		List<Instant> starts = new ArrayList<>();
		for (Instant start = range.first(); !start.isAfter(range.last()); start = granularity.next(start)) {
			starts.add(start);
		}
		return starts;
	}

	/**
	 * The first and last of {@link #bucketStarts}, checked as it checks them (at most
	 * {@link #MAX_POINTS} buckets), but without listing the buckets in between.
	 */
	static BucketRange bucketRange(Granularity granularity, Instant from, Instant to) {
		if (!to.isAfter(from)) {
			throw new InvalidInputException("to", "must be after from");
		}
		Instant first = granularity.start(from);
		Instant last = granularity.start(to.minusNanos(1));
		if (granularity.between(first, last) >= MAX_POINTS) {
			throw tooMany(granularity);
		}
		return new BucketRange(first, last);
	}

	/** The start of the first and of the last bucket of a range. */
	record BucketRange(Instant first, Instant last) {
	}

	/**
	 * A point for every one of {@code starts}: the stored one, or zeros. Both lists are
	 * oldest first, so one walk matches them; a stored point that starts no bucket (none
	 * should) is left out. Zeros are sample data when the bucket lies in the site's
	 * period of generated traffic ({@link Site#sampleTraffic}): the generator wrote no
	 * row for a quiet minute.
	 */
	static List<TrafficPoint> withEmptyBuckets(Site site, Granularity granularity, List<Instant> starts,
			List<TrafficPoint> stored) {
		List<TrafficPoint> points = new ArrayList<>(starts.size());
		int next = 0;
		for (Instant start : starts) {
			while (next < stored.size() && stored.get(next).start().toInstant().isBefore(start)) {
				next++;
			}
			if (next < stored.size() && stored.get(next).start().toInstant().equals(start)) {
				points.add(stored.get(next++));
			}
			else {
				points.add(new TrafficPoint(start.atZone(Granularity.ZONE).toOffsetDateTime(), 0, 0, 0,
						site.sampleTraffic(start, granularity.next(start))));
			}
		}
		return points;
	}

	private static InvalidInputException tooMany(Granularity granularity) {
		return new InvalidInputException("to", "makes more than " + MAX_POINTS + " " + granularity
				+ " buckets; shorten the range or choose a coarser granularity");
	}

}
