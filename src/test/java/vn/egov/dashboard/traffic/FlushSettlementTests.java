package vn.egov.dashboard.traffic;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.live.Changes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flush whose connection breaks: when the break came after COMMIT reached PostgreSQL,
 * the batch is in the database and must not be written again; when it came before, the
 * transaction was rolled back and the batch must be written on the next round. Either way
 * each hit is counted once. The break is simulated on a real write to the test database
 * (the connection itself stays up, which is what lets the flusher ask
 * {@code pg_xact_status} at once; in an outage it asks once the database is back).
 */
class FlushSettlementTests extends IntegrationTests {

	@Autowired
	private SiteDirectory sites;

	@Autowired
	private PageDirectory pages;

	@Autowired
	private TrafficProperties properties;

	@Autowired
	private Clock clock;

	@Autowired
	private Changes changes;

	@Test
	void shouldNotWriteAgainABatchWhoseCommitAnswerWasLost() {
		String site = TestSites.create(this.db, this.sites);
		AtomicBoolean breakOnce = new AtomicBoolean(true);
		TrafficWriter writer = new TrafficWriter(this.db, this.changes, this.properties) {
			@Override
			Mono<Void> write(HitBatch batch) {
				// Committed, then the answer is lost.
				return super.write(batch).then(breakOnce(breakOnce));
			}
		};
		HitBuffer buffer = new HitBuffer(this.properties);
		HitFlusher flusher = flusher(buffer, writer);
		buffer.offer(hits(site, 30), this.clock.instant());

		assertThat(flusher.flush()).isFalse();
		assertThat(storedViews(site)).as("committed although the write failed").isEqualTo(30);
		assertThat(buffer.pending()).as("its outcome is not known yet").isEqualTo(30);

		assertThat(flusher.flush()).isTrue();
		assertThat(storedViews(site)).as("not written twice").isEqualTo(30);
		assertThat(buffer.pending()).isZero();
	}

	@Test
	void shouldWriteAgainABatchWhoseTransactionRolledBack() {
		String site = TestSites.create(this.db, this.sites);
		AtomicBoolean breakOnce = new AtomicBoolean(true);
		TrafficWriter writer = new TrafficWriter(this.db, this.changes, this.properties) {
			@Override
			Mono<Void> statements(HitBatch batch) {
				// The statements ran in the transaction, then the connection broke before
				// COMMIT.
				return super.statements(batch).then(breakOnce(breakOnce));
			}
		};
		HitBuffer buffer = new HitBuffer(this.properties);
		HitFlusher flusher = flusher(buffer, writer);
		buffer.offer(hits(site, 30), this.clock.instant());

		assertThat(flusher.flush()).isFalse();
		assertThat(storedViews(site)).as("rolled back").isZero();
		buffer.offer(hits(site, 5), this.clock.instant());

		assertThat(flusher.flush()).isTrue();
		assertThat(storedViews(site)).as("written once, with the hits that came meanwhile").isEqualTo(35);
		assertThat(buffer.pending()).isZero();
	}

	private HitFlusher flusher(HitBuffer buffer, TrafficWriter writer) {
		return new HitFlusher(buffer, writer, this.sites, this.pages, this.properties, this.clock,
				new SimpleMeterRegistry(), (event) -> {
				});
	}

	/** The error of a connection that broke, the first time only. */
	private static Mono<Void> breakOnce(AtomicBoolean first) {
		return Mono.defer(() -> first.getAndSet(false)
				? Mono.error(new R2dbcNonTransientResourceException("Connection unexpectedly closed")) : Mono.empty());
	}

	private static List<AcceptedHit> hits(String site, int n) {
		List<AcceptedHit> hits = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			hits.add(new AcceptedHit(site, "/settle-" + (i % 4), null, i, false));
		}
		return hits;
	}

	private long storedViews(String site) {
		return this.db
			.sql("SELECT coalesce(sum(views), 0) FROM traffic_bucket WHERE granularity = 'DAY' AND site_code = :site")
			.bind("site", site)
			.map((row) -> ((Number) row.get(0)).longValue())
			.one()
			.block();
	}

}
