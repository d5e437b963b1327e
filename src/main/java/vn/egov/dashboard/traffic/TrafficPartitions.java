package vn.egov.dashboard.traffic;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the monthly partitions of {@code traffic_bucket} and {@code traffic_visitor}
 * (V14): on start and every {@code egov.traffic.partitions.maintenance-interval}, creates
 * those of the next {@code months-ahead} months, and drops minute buckets older than
 * {@code minute-retention} a month at a time ({@code traffic_drop_minutes}: the month's
 * minute partition goes, its roll-up partition stays), deleting those of the legacy
 * partition (the rows from before partitioning) in batches. Every instance runs it; the
 * SQL functions take turns under an advisory lock, and a run that fails is logged and
 * tried again at the next interval.
 */
@Component
class TrafficPartitions {

	private static final Log logger = LogFactory.getLog(TrafficPartitions.class);

	private static final String CREATE = "SELECT traffic_create_partitions(:upto)";

	private static final String DROP = "SELECT traffic_drop_minutes(:before)";

	private static final String DELETE_LEGACY_MINUTES = """
			DELETE FROM traffic_bucket_legacy
			 WHERE ctid = ANY (ARRAY(SELECT ctid FROM traffic_bucket_legacy
			                          WHERE granularity = 'MINUTE' AND bucket_start < :before
			                          LIMIT :batch))""";

	/**
	 * What a run did.
	 *
	 * @param created the partitions created
	 * @param dropped the partitions dropped
	 * @param legacyMinutes minute buckets deleted from the legacy partition
	 */
	record Maintenance(List<String> created, List<String> dropped, long legacyMinutes) {
	}

	private final DatabaseClient db;

	private final PartitionProperties properties;

	private final Clock clock;

	TrafficPartitions(DatabaseClient db, PartitionProperties properties, Clock clock) {
		this.db = db;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${egov.traffic.partitions.maintenance-interval:1h}")
	Mono<Void> run() {
		return maintain().doOnNext((done) -> {
			if (!done.created().isEmpty() || !done.dropped().isEmpty() || done.legacyMinutes() > 0) {
				logger.info("Traffic partitions: created " + done.created() + ", dropped " + done.dropped() + ", "
						+ done.legacyMinutes() + " legacy minute buckets deleted");
			}
		}).onErrorResume((ex) -> {
			logger.warn(
					"Traffic partition maintenance failed; it runs again in " + this.properties.maintenanceInterval(),
					ex);
			return Mono.empty();
		}).then();
	}

	/** One maintenance run. */
	Mono<Maintenance> maintain() {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		Mono<List<String>> created = names(CREATE, "upto", now.plusMonths(this.properties.monthsAhead()));
		if (this.properties.minuteRetention().isZero()) {
			return created.map((names) -> new Maintenance(names, List.of(), 0));
		}
		OffsetDateTime before = now.minus(this.properties.minuteRetention());
		return created.zipWith(names(DROP, "before", before))
			.zipWith(deleteLegacyMinutes(before),
					(names, deleted) -> new Maintenance(names.getT1(), names.getT2(), deleted));
	}

	private Mono<List<String>> names(String sql, String parameter, OffsetDateTime value) {
		return this.db.sql(sql).bind(parameter, value).map((row) -> row.get(0, String.class)).all().collectList();
	}

	/**
	 * Deletes the legacy partition's minutes before {@code before}, a batch per
	 * statement.
	 */
	private Mono<Long> deleteLegacyMinutes(OffsetDateTime before) {
		return this.db.sql(DELETE_LEGACY_MINUTES)
			.bind("before", before)
			.bind("batch", this.properties.deleteBatch())
			.fetch()
			.rowsUpdated()
			.repeat()
			.takeUntil((deleted) -> deleted < this.properties.deleteBatch())
			.reduce(0L, Long::sum);
	}

}
