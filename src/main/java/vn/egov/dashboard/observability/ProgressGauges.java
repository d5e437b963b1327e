package vn.egov.dashboard.observability;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.MultiGauge.Row;
import io.micrometer.core.instrument.Tags;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.agency.AgencyKind;
import vn.egov.dashboard.agency.AgencyRepository;
import vn.egov.dashboard.system.DataChangedEvent;
import vn.egov.dashboard.progress.TargetComparator;
import vn.egov.dashboard.progress.Progress;
import vn.egov.dashboard.progress.ProgressService;
import vn.egov.dashboard.progress.ProgressService.Standing;
import vn.egov.dashboard.progress.ProgressStatus;

/**
 * Progress toward every target as gauges, refreshed from the database on a schedule and
 * at once after a measurement is written. Labels stay bounded: targets × agencies, never
 * visitor ids or paths.
 * <ul>
 * <li>{@code egov_target_progress_value}, {@code _goal}, {@code _gap}, {@code _ratio}
 * (latest ÷ goal, inverted for lower-is-better), {@code _status} (0 OFF_TRACK, 1 AT_RISK,
 * 2 ON_TRACK, 3 ACHIEVED) per {@code target, indicator, agency, agency_name, block}</li>
 * <li>{@code egov_target_agencies} per {@code target, indicator, status}: how many
 * agencies are in each status</li>
 * <li>{@code egov_target_deadline_timestamp_seconds} per {@code target, indicator}</li>
 * </ul>
 */
@Component
class ProgressGauges {

	private final ProgressService progress;

	private final AgencyRepository agencies;

	private final Clock clock;

	private final MultiGauge value;

	private final MultiGauge goal;

	private final MultiGauge gap;

	private final MultiGauge ratio;

	private final MultiGauge status;

	private final MultiGauge counts;

	private final MultiGauge deadline;

	private final Refresher refresher = new Refresher("progress gauges", this::load);

	ProgressGauges(ProgressService progress, AgencyRepository agencies, Clock clock, MeterRegistry registry) {
		this.progress = progress;
		this.agencies = agencies;
		this.clock = clock;
		this.value = gauge("egov.target.progress.value", "Latest value of the indicator for the agency", registry);
		this.goal = gauge("egov.target.progress.goal", "The target value", registry);
		this.gap = gauge("egov.target.progress.gap", "How far the latest value is from the target (0 once achieved)",
				registry);
		this.ratio = gauge("egov.target.progress.ratio", "Latest value divided by the target (inverted for ranks)",
				registry);
		this.status = gauge("egov.target.progress.status", "0 OFF_TRACK, 1 AT_RISK, 2 ON_TRACK, 3 ACHIEVED", registry);
		this.counts = gauge("egov.target.agencies", "Agencies in each progress status, per target", registry);
		this.deadline = gauge("egov.target.deadline", "The target's deadline as a Unix time", registry);
	}

	private static MultiGauge gauge(String name, String description, MeterRegistry registry) {
		return MultiGauge.builder(name).description(description).register(registry);
	}

	@EventListener
	void onChange(DataChangedEvent event) {
		if (event.affects("measurement")) {
			refresh().subscribe();
		}
	}

	/**
	 * Recompute every gauge; runs on start, then every
	 * {@code egov.metrics.refresh-interval}.
	 */
	@Scheduled(initialDelay = 0, fixedDelayString = "${egov.metrics.refresh-interval:60s}")
	Mono<Void> refresh() {
		return this.refresher.refresh();
	}

	private Mono<?> load() {
		return this.progress.standings(LocalDate.now(this.clock))
			.flatMap((standings) -> this.agencies.findByCodes(codes(standings))
				.collectMap(Agency::code)
				.doOnNext((byCode) -> publish(standings, byCode)));
	}

	private void publish(List<Standing> standings, Map<String, Agency> agencies) {
		List<Row<?>> values = new ArrayList<>();
		List<Row<?>> goals = new ArrayList<>();
		List<Row<?>> gaps = new ArrayList<>();
		List<Row<?>> ratios = new ArrayList<>();
		List<Row<?>> statuses = new ArrayList<>();
		List<Row<?>> counts = new ArrayList<>();
		List<Row<?>> deadlines = new ArrayList<>();
		for (Standing standing : standings) {
			var target = standing.target();
			String name = (target.code() != null) ? target.code() : "T" + target.id();
			Tags targetTags = Tags.of("target", name, "indicator", target.indicatorCode());
			deadlines
				.add(Row.of(targetTags, target.deadline().atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toEpochSecond()));
			for (ProgressStatus each : List.of(ProgressStatus.OFF_TRACK, ProgressStatus.AT_RISK,
					ProgressStatus.ON_TRACK, ProgressStatus.ACHIEVED)) {
				long n = standing.progress().agencies().stream().filter((p) -> p.status() == each).count();
				counts.add(Row.of(targetTags.and("status", each.name()), n));
			}
			for (Progress row : standing.progress().agencies()) {
				if (row.latestValue() == null) {
					continue;
				}
				Agency agency = agencies.get(row.agencyCode());
				Tags tags = targetTags.and("agency", row.agencyCode(), "agency_name",
						(agency != null) ? agency.name() : row.agencyCode(), "block",
						(agency != null) ? block(agency.kind()) : "");
				double latest = row.latestValue();
				values.add(Row.of(tags, latest));
				goals.add(Row.of(tags, target.value()));
				gaps.add(Row.of(tags, (row.gap() != null) ? row.gap() : 0));
				ratios.add(Row.of(tags, ratio(latest, target.value(), target.comparator())));
				statuses.add(Row.of(tags, row.status().ordinal()));
			}
		}
		this.value.register(values, true);
		this.goal.register(goals, true);
		this.gap.register(gaps, true);
		this.ratio.register(ratios, true);
		this.status.register(statuses, true);
		this.counts.register(counts, true);
		this.deadline.register(deadlines, true);
	}

	private static double ratio(double latest, double goal, TargetComparator comparator) {
		if (comparator == TargetComparator.LE) {
			return (latest == 0) ? 0 : goal / latest;
		}
		return (goal == 0) ? 0 : latest / goal;
	}

	/** The assessment block an agency belongs to, for the dashboards' block variable. */
	static String block(AgencyKind kind) {
		return switch (kind) {
			case MINISTRY, MINISTERIAL_AGENCY -> "MINISTRIES";
			case GOVERNMENT_AGENCY -> "GOVERNMENT_AGENCIES";
			case PROVINCE -> "PROVINCES";
			case UNIT, NATION -> kind.name();
		};
	}

	private static Collection<String> codes(List<Standing> standings) {
		return standings.stream()
			.flatMap((s) -> s.progress().agencies().stream())
			.map(Progress::agencyCode)
			.distinct()
			.toList();
	}

}
