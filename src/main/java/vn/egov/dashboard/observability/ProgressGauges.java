package vn.egov.dashboard.observability;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.progress.ProgressService;
import vn.egov.dashboard.progress.ProgressService.Standing;
import vn.egov.dashboard.progress.ProgressStatus;
import vn.egov.dashboard.progress.Target;
import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Progress toward every target, computed by {@link ProgressService} on the exporting
 * instance ({@link MetricsExporter}) on a schedule and at once after a measurement is
 * written on any instance: the table {@code progress_standing} ({@link ProgressTable})
 * for the per-agency detail, and per target, never per agency:
 * <ul>
 * <li>{@code egov_target_agencies{target, status, sample}}: the agencies in each status,
 * one series per status, zeros included (the figures of the GraphQL field
 * {@code Target.summary})</li>
 * <li>{@code egov_target_deadline_timestamp_seconds{target}}: the deadline, midnight at
 * its start in Vietnam</li>
 * </ul>
 * At most targets × statuses series, whatever the number of agencies.
 */
@Component
class ProgressGauges {

	private final ProgressService progress;

	private final ProgressTable table;

	private final MetricsExporter exporter;

	private final Clock clock;

	private final MultiGauge agencies;

	private final MultiGauge deadlines;

	private final Refresher refresher = new Refresher("progress gauges", this::load);

	ProgressGauges(ProgressService progress, ProgressTable table, MetricsExporter exporter, Clock clock,
			MeterRegistry registry) {
		this.progress = progress;
		this.table = table;
		this.exporter = exporter;
		this.clock = clock;
		this.agencies = MultiGauge.builder("egov.target.agencies")
			.description("Agencies in each progress status, per target")
			.register(registry);
		this.deadlines = MultiGauge.builder("egov.target.deadline.timestamp.seconds")
			.description("The target's deadline (its first moment in Vietnam) as a Unix time")
			.register(registry);
	}

	@EventListener
	void onChange(DataChangedEvent event) {
		if (event.affects("measurement") || event.affects("target")) {
			refresh().subscribe();
		}
	}

	@EventListener
	void onExporterChanged(MetricsExporter.Changed event) {
		refresh().subscribe();
	}

	/**
	 * Recompute everything; runs on start, then every
	 * {@code egov.metrics.refresh-interval}.
	 */
	@Scheduled(initialDelay = 0, fixedDelayString = "${egov.metrics.refresh-interval:60s}")
	Mono<Void> refresh() {
		return this.refresher.refresh();
	}

	private Mono<?> load() {
		if (!this.exporter.exporting()) {
			publish(List.of());
			return Mono.empty();
		}
		LocalDate asOf = LocalDate.now(this.clock);
		return this.table.now()
			.flatMap((started) -> this.progress.standings(asOf)
				.flatMap((standings) -> this.table.replace(started, asOf, standings).thenReturn(standings)))
			.doOnNext(this::publish);
	}

	private void publish(List<Standing> standings) {
		List<Row<?>> counts = new ArrayList<>();
		List<Row<?>> deadlines = new ArrayList<>();
		for (Standing standing : standings) {
			Target target = standing.target();
			Tags tags = Tags.of("target", (target.code() != null) ? target.code() : "T" + target.id());
			deadlines.add(Row.of(tags, target.deadline().atStartOfDay(this.clock.getZone()).toEpochSecond()));
			for (ProgressStatus status : ProgressStatus.values()) {
				long n = standing.progress().agencies().stream().filter((p) -> p.status() == status).count();
				counts.add(Row.of(tags.and("status", status.name(), "sample",
						String.valueOf(standing.progress().summary().sample())), n));
			}
		}
		this.agencies.register(counts, true);
		this.deadlines.register(deadlines, true);
	}

}
