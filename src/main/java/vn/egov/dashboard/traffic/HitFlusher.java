package vn.egov.dashboard.traffic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Writes the {@link HitBuffer} to the database from one background thread: every
 * {@code egov.traffic.flush-interval}, or sooner once {@code flush-size} hits are pending. A failed flush puts
 * its batch back and is tried again on the next round, so nothing accepted is lost while the database is
 * briefly away (new hits are dropped, and counted, once the buffer is full).
 * <p>
 * On shutdown it stops after the web server has stopped taking requests (its phase is below the web
 * server's) and before the connection pool closes, and writes whatever is left: a graceful stop loses no hit.
 * Once a minute it also deletes the visitor sets of closed buckets and reloads the site codes.
 */
@Component
class HitFlusher implements SmartLifecycle {

	/** Stops after Boot's web server (phase {@code DEFAULT_PHASE - 2048}) and its graceful shutdown. */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	/** How long the MINUTE visitor sets are kept: "online now" looks back six minute buckets. */
	static final Duration MINUTE_SETS_KEPT = Duration.ofMinutes(10);

	/** How long after a bucket closes its visitor set is kept, for hits still in a buffer somewhere. */
	static final Duration CLOSED_SETS_KEPT = Duration.ofMinutes(15);

	private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(1);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

	private static final Log logger = LogFactory.getLog(HitFlusher.class);

	private final HitBuffer buffer;

	private final TrafficWriter writer;

	private final SiteDirectory sites;

	private final Clock clock;

	private final Duration interval;

	private final int flushSize;

	private final Object signal = new Object();

	private final Timer flushTimer;

	private final Counter flushed;

	private final Counter failures;

	private volatile boolean running;

	private @Nullable Thread thread;

	private Instant lastHousekeeping = Instant.EPOCH;

	/** Published after each committed batch, so cached traffic answers and gauges follow. */
	private final Changes changes;

	HitFlusher(HitBuffer buffer, TrafficWriter writer, SiteDirectory sites, TrafficProperties properties, Clock clock,
			MeterRegistry meters, Changes changes) {
		this.changes = changes;
		this.buffer = buffer;
		this.writer = writer;
		this.sites = sites;
		this.clock = clock;
		this.interval = properties.flushInterval();
		this.flushSize = properties.flushSize();
		this.flushTimer = Timer.builder("egov.hits.flush").description("Time to write one batch of hits").register(meters);
		this.flushed = Counter.builder("egov.hits.flushed").description("Hits written to the database").register(meters);
		this.failures = Counter.builder("egov.hits.flush.failures").description("Flushes that failed and will be retried")
			.register(meters);
		Gauge.builder("egov.hits.pending", buffer, HitBuffer::pending).description("Hits waiting to be written").register(meters);
	}

	@Override
	public void start() {
		this.sites.refresh().block(WRITE_TIMEOUT);
		this.running = true;
		Thread flusher = new Thread(this::loop, "hit-flusher");
		flusher.setDaemon(true);
		this.thread = flusher;
		flusher.start();
	}

	@Override
	public void stop() {
		this.running = false;
		wake();
		Thread flusher = this.thread;
		if (flusher != null) {
			try {
				flusher.join(WRITE_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		for (int attempt = 1; attempt <= 3 && this.buffer.pending() > 0; attempt++) {
			flush();
		}
		if (this.buffer.pending() > 0) {
			logger.error("Shutting down with " + this.buffer.pending() + " hits that could not be written");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Flush now rather than at the end of the interval. */
	void wake() {
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
	}

	/**
	 * Writes everything pending, in the calling thread; true when the write succeeded (or there was nothing
	 * to write). One flush at a time.
	 */
	synchronized boolean flush() {
		HitBatch batch = this.buffer.drain();
		if (batch.isEmpty()) {
			return true;
		}
		long started = System.nanoTime();
		try {
			this.changes
				.commit(DataChangedEvent.of("traffic", (Object[]) batch.sites()), this.writer.write(batch).thenReturn(batch))
				.block(WRITE_TIMEOUT);
			this.flushed.increment(batch.hits);
			return true;
		}
		catch (RuntimeException ex) {
			this.buffer.restore(batch);
			this.failures.increment();
			logger.warn("Could not write " + batch.hits + " hits; will retry", ex);
			return false;
		}
		finally {
			this.flushTimer.record(Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/** Deletes the visitor sets no bucket can need any more, and reloads the site codes. */
	void housekeeping(Instant now) {
		for (Granularity g : Granularity.values()) {
			Instant before = (g == Granularity.MINUTE) ? now.minus(MINUTE_SETS_KEPT) : g.start(now.minus(CLOSED_SETS_KEPT));
			this.writer.deleteClosedSets(g, before).block(WRITE_TIMEOUT);
		}
		this.sites.refresh().block(WRITE_TIMEOUT);
	}

	private void loop() {
		while (this.running) {
			// Until the interval is over, the buffer is full enough, or the server stops (a wait may end early).
			long deadline = System.nanoTime() + this.interval.toNanos();
			synchronized (this.signal) {
				long left;
				while (this.running && this.buffer.pending() < this.flushSize
						&& (left = deadline - System.nanoTime()) > 0) {
					try {
						this.signal.wait(Math.max(1, left / 1_000_000));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
			boolean ok = flush();
			Instant now = this.clock.instant();
			if (ok && Duration.between(this.lastHousekeeping, now).compareTo(HOUSEKEEPING_EVERY) >= 0) {
				this.lastHousekeeping = now;
				try {
					housekeeping(now);
				}
				catch (RuntimeException ex) {
					logger.warn("Traffic housekeeping failed; will retry", ex);
				}
			}
			if (!ok) {
				pause();
			}
		}
	}

	/** After a failure, wait an interval before trying again rather than hammering the database. */
	private void pause() {
		try {
			Thread.sleep(this.interval.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
