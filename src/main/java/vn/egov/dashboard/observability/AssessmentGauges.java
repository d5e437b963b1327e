package vn.egov.dashboard.observability;

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

import vn.egov.dashboard.system.DataChangedEvent;

/**
 * The latest published (or sample) total score and rank of every agency in every
 * framework's latest round, per block: {@code egov_assessment_score} and
 * {@code egov_assessment_rank} with labels {@code framework, year, block, agency, sample}
 * ({@code sample="true"}: generated sample data). Exported by the exporting instance only
 * ({@link MetricsExporter}); refreshed on a schedule and after an import on any instance.
 */
@Component
class AssessmentGauges {

	/**
	 * The TOTAL category of each framework's latest round that has scores, ranked within
	 * its block.
	 */
	private static final String LATEST = """
			SELECT r.framework, r.year, r.block, r.agency_code, r.score, r.rank, r.sample
			  FROM assessment_ranked r
			 WHERE r.category_code = 'TOTAL'
			   AND r.year = (SELECT max(rd.year) FROM assessment_round rd
			                  WHERE rd.framework = r.framework
			                    AND EXISTS (SELECT 1 FROM assessment_score s WHERE s.round_id = rd.id))
			""";

	private record Latest(String framework, int year, String block, String agency, double score, long rank,
			boolean sample) {
	}

	private final DatabaseClient db;

	private final MultiGauge scores;

	private final MultiGauge ranks;

	private final MetricsExporter exporter;

	private final Refresher refresher = new Refresher("assessment gauges", this::load);

	AssessmentGauges(DatabaseClient db, MetricsExporter exporter, MeterRegistry registry) {
		this.db = db;
		this.exporter = exporter;
		this.scores = MultiGauge.builder("egov.assessment.score")
			.description("Total score in the framework's latest round")
			.register(registry);
		this.ranks = MultiGauge.builder("egov.assessment.rank")
			.description("Rank within the block in the framework's latest round (ties share a rank)")
			.register(registry);
	}

	@EventListener
	void onChange(DataChangedEvent event) {
		if (event.affects("assessment")) {
			refresh().subscribe();
		}
	}

	@EventListener
	void onExporterChanged(MetricsExporter.Changed event) {
		refresh().subscribe();
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${egov.metrics.refresh-interval:60s}")
	Mono<Void> refresh() {
		return this.refresher.refresh();
	}

	private Mono<?> load() {
		if (!this.exporter.exporting()) {
			publish(List.of());
			return Mono.empty();
		}
		return this.db.sql(LATEST)
			.map((row) -> new Latest(row.get("framework", String.class), row.get("year", Integer.class),
					row.get("block", String.class), row.get("agency_code", String.class),
					row.get("score", java.math.BigDecimal.class).doubleValue(), row.get("rank", Long.class),
					Boolean.TRUE.equals(row.get("sample", Boolean.class))))
			.all()
			.collectList()
			.doOnNext(this::publish);
	}

	private void publish(List<Latest> rows) {
		List<Row<?>> scores = new ArrayList<>();
		List<Row<?>> ranks = new ArrayList<>();
		for (Latest row : rows) {
			Tags tags = Tags.of("framework", row.framework(), "year", String.valueOf(row.year()), "block", row.block(),
					"agency", row.agency(), "sample", String.valueOf(row.sample()));
			scores.add(Row.of(tags, row.score()));
			ranks.add(Row.of(tags, row.rank()));
		}
		this.scores.register(scores, true);
		this.ranks.register(ranks, true);
	}

}
