package vn.egov.dashboard.traffic;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.graphql.Batches;

/**
 * Sites, their published counter readings and their all-time counter.
 */
@Controller
class SiteController {

	private final SiteRepository sites;

	private final TrafficRepository traffic;

	private final Clock clock;

	SiteController(SiteRepository sites, TrafficRepository traffic, Clock clock) {
		this.sites = sites;
		this.traffic = traffic;
		this.clock = clock;
	}

	@QueryMapping
	Flux<Site> sites() {
		return this.sites.findAll();
	}

	@QueryMapping
	Mono<Site> site(@Argument String code) {
		return this.sites.findByCode(code);
	}

	@QueryMapping
	Mono<SiteStats> siteStats(@Argument String siteCode, @Argument @Nullable OffsetDateTime asOf) {
		OffsetDateTime at = (asOf != null) ? asOf : OffsetDateTime.now(this.clock);
		return this.sites.findByCode(siteCode)
			.switchIfEmpty(Mono.error(() -> new SiteNotFoundException(siteCode)))
			.flatMap((site) -> this.traffic.totalVisits(siteCode, at.toInstant())
				.map((total) -> new SiteStats(site, at, total, site.sampleCounter(at.toInstant()))));
	}

	@SchemaMapping
	CompletableFuture<@Nullable Agency> agency(Site site, DataLoader<String, Agency> agencies) {
		return (site.agencyCode() != null) ? agencies.load(site.agencyCode()) : CompletableFuture.completedFuture(null);
	}

	@BatchMapping
	Mono<Map<Site, List<SiteReading>>> readings(List<Site> sites) {
		return this.sites.findReadings(sites.stream().map(Site::code).toList())
			.map((byCode) -> Batches.byKey(sites, Site::code, byCode));
	}

}
