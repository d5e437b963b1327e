package vn.egov.dashboard.observability;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

import vn.egov.dashboard.progress.Progress;
import vn.egov.dashboard.progress.ProgressService.Standing;

/**
 * The table {@code progress_standing}: every target's progress as
 * {@link vn.egov.dashboard.progress.ProgressService} computed it, one row per target and
 * covered agency, read by Grafana through the views {@code grafana.target} and
 * {@code grafana.target_progress}. Replaced whole, in one transaction, and only by a
 * computation that started after the one in force: with several writers the newest
 * figures win, whatever order the writes arrive in.
 */
@Repository
class ProgressTable {

	/**
	 * Claims the table for a computation started at {@code :started}; no row when a later
	 * one already wrote it. The row lock orders concurrent writers.
	 */
	private static final String CLAIM = """
			UPDATE progress_refresh SET computed_at = :started, as_of = :asOf WHERE computed_at < :started""";

	private static final String INSERT = """
			INSERT INTO progress_standing (target_id, agency_code, status, latest_value, latest_period, gap, share_of_way,
			                               projected_value, sample, first_met_on)
			SELECT * FROM unnest(cast(:targets AS bigint[]), cast(:agencies AS text[]), cast(:statuses AS text[]),
			                     cast(:values AS numeric[]), cast(:periods AS date[]), cast(:gaps AS numeric[]),
			                     cast(:shares AS numeric[]), cast(:projected AS numeric[]), cast(:samples AS boolean[]),
			                     cast(:firstMet AS date[]))""";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	ProgressTable(DatabaseClient db, TransactionalOperator transaction) {
		this.db = db;
		this.transaction = transaction;
	}

	/** The database's clock now: when a computation starts. */
	Mono<OffsetDateTime> now() {
		return this.db.sql("SELECT statement_timestamp() AS now")
			.map((row) -> row.get("now", OffsetDateTime.class))
			.one();
	}

	/**
	 * Replaces the rows with {@code standings}, computed for {@code asOf} from data read
	 * after {@code started}; whether they were written (false: newer figures are in).
	 */
	Mono<Boolean> replace(OffsetDateTime started, LocalDate asOf, List<Standing> standings) {
		List<Row> rows = new ArrayList<>();
		for (Standing standing : standings) {
			for (Progress progress : standing.progress().agencies()) {
				rows.add(new Row(standing.target().id(), progress));
			}
		}
		Mono<Boolean> write = this.db.sql(CLAIM)
			.bind("started", started)
			.bind("asOf", asOf)
			.fetch()
			.rowsUpdated()
			.flatMap((claimed) -> (claimed == 0) ? Mono.just(false)
					: this.db.sql("DELETE FROM progress_standing")
						.fetch()
						.rowsUpdated()
						.then(insert(rows))
						.thenReturn(true));
		return this.transaction.transactional(write);
	}

	private Mono<Long> insert(List<Row> rows) {
		if (rows.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db.sql(INSERT)
			.bind("targets", rows.stream().map(Row::target).toArray(Long[]::new))
			.bind("agencies", rows.stream().map((r) -> r.progress().agencyCode()).toArray(String[]::new))
			.bind("statuses", rows.stream().map((r) -> r.progress().status().name()).toArray(String[]::new))
			.bind("values", decimals(rows, Progress::latestValue))
			.bind("periods", rows.stream().map((r) -> r.progress().latestPeriod()).toArray(LocalDate[]::new))
			.bind("gaps", decimals(rows, Progress::gap))
			.bind("shares", decimals(rows, (p) -> (p.percentOfWay() != null) ? p.percentOfWay() / 100 : null))
			.bind("projected", decimals(rows, Progress::projectedValue))
			.bind("samples", rows.stream().map((r) -> r.progress().sample()).toArray(Boolean[]::new))
			.bind("firstMet", rows.stream().map((r) -> r.progress().firstMetOn()).toArray(LocalDate[]::new))
			.fetch()
			.rowsUpdated();
	}

	private static BigDecimal[] decimals(List<Row> rows, Function<Progress, @Nullable Double> value) {
		return rows.stream().map((r) -> {
			Double v = value.apply(r.progress());
			return (v != null) ? BigDecimal.valueOf(v) : null;
		}).toArray(BigDecimal[]::new);
	}

	private record Row(long target, Progress progress) {
	}

}
