package vn.egov.dashboard.observability;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.traffic.SiteStatistics;

/**
 * The portals' figures as gauges, exported by the exporting instance only
 * ({@link MetricsExporter}) and refreshed every
 * {@code egov.metrics.portal-refresh-interval}:
 * <ul>
 * <li>{@code egov_poll_option_votes{poll, site, option}}: votes per option of every poll
 * (labels: poll id, site code, "position. label")</li>
 * <li>{@code egov_site_online{site, kind="guests"|"members", sample}}: distinct visitors
 * in the last 5 minutes (the figures of the GraphQL field {@code onlineNow})</li>
 * <li>{@code egov_site_visits{site, sample}}: visits in all, including the portal's count
 * before it reported here (the field {@code siteStats.totalVisits})</li>
 * </ul>
 * Hits accepted, rejected and dropped are counters of each instance's beacon
 * ({@code egov_hits_*_total}).
 */
@Component
class PortalGauges {

	private static final String VOTES = """
			SELECT p.id, p.site_code, o.position, o.label, o.votes
			  FROM poll p JOIN poll_option o ON o.poll_id = p.id
			""";

	private final DatabaseClient db;

	private final SiteStatistics sites;

	private final Clock clock;

	private final MultiGauge votes;

	private final MultiGauge online;

	private final MultiGauge visits;

	private final MetricsExporter exporter;

	private final Refresher refresher = new Refresher("portal gauges", this::load);

	PortalGauges(DatabaseClient db, SiteStatistics sites, MetricsExporter exporter, Clock clock,
			MeterRegistry registry) {
		this.db = db;
		this.exporter = exporter;
		this.sites = sites;
		this.clock = clock;
		this.votes = MultiGauge.builder("egov.poll.option.votes")
			.description("Votes per poll option")
			.register(registry);
		this.online = MultiGauge.builder("egov.site.online")
			.description("Distinct visitors in the last 5 minutes")
			.register(registry);
		this.visits = MultiGauge.builder("egov.site.visits")
			.description("Visits in all, with the portal's starting count")
			.register(registry);
	}

	@EventListener
	void onExporterChanged(MetricsExporter.Changed event) {
		refresh().subscribe();
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${egov.metrics.portal-refresh-interval:15s}")
	Mono<Void> refresh() {
		return this.refresher.refresh();
	}

	private Mono<?> load() {
		if (!this.exporter.exporting()) {
			this.votes.register(List.of(), true);
			publish(List.of());
			return Mono.empty();
		}
		Mono<Void> polls = this.db.sql(VOTES)
			.map((row) -> Row.of(
					Tags.of("poll", String.valueOf(row.get("id", Long.class)), "site",
							row.get("site_code", String.class), "option",
							row.get("position", Integer.class) + ". " + row.get("label", String.class)),
					row.get("votes", Long.class)))
			.all()
			.collectList()
			.doOnNext((rows) -> this.votes.register(new ArrayList<>(rows), true))
			.then();
		Mono<Void> portals = this.sites.at(this.clock.instant()).collectList().doOnNext(this::publish).then();
		return polls.then(portals);
	}

	private void publish(List<SiteStatistics.Snapshot> snapshots) {
		List<Row<?>> online = new ArrayList<>();
		List<Row<?>> visits = new ArrayList<>();
		for (SiteStatistics.Snapshot site : snapshots) {
			Tags tags = Tags.of("site", site.siteCode(), "sample", String.valueOf(site.sample()));
			online.add(Row.of(tags.and("kind", "guests"), site.guests()));
			online.add(Row.of(tags.and("kind", "members"), site.members()));
			visits.add(Row.of(tags, site.totalVisits()));
		}
		this.online.register(online, true);
		this.visits.register(visits, true);
	}

}
