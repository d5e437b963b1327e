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

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.system.DatabaseUnavailable;

/**
 * Writes the {@link HitBuffer} to the database from one background thread: every
 * {@code egov.traffic.flush-interval}, or sooner once {@code flush-size} hits are
 * pending. A failed flush puts its batch back and is tried again every interval, so
 * nothing accepted is lost while the database is away (new hits are refused, and counted
 * in {@code egov.hits.dropped}, once the buffer is full).
 * <p>
 * Each batch is written exactly once. When the connection breaks while a batch is being
 * written, its transaction may still have committed (the COMMIT reached the server, its
 * answer did not come back). Such a batch is held apart until the database answers again
 * and PostgreSQL is asked how that transaction ended ({@code pg_xact_status}): committed,
 * it is counted as written; otherwise it goes back into the buffer.
 * <p>
 * On shutdown it stops after the web server has stopped taking requests (its phase is
 * below the web server's) and before the connection pool closes, and writes whatever is
 * left, retrying for a few seconds if the database is away: a graceful stop loses no hit.
 * Once a minute it also deletes the visitor sets of closed buckets and reloads the site
 * codes and the pages created since (by other instances too).
 */
@Component
class HitFlusher implements SmartLifecycle {

	/**
	 * Stops after Boot's web server (phase {@code DEFAULT_PHASE - 2048}) and its graceful
	 * shutdown.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	/**
	 * How long the MINUTE visitor sets are kept: "online now" looks back six minute
	 * buckets.
	 */
	static final Duration MINUTE_SETS_KEPT = Duration.ofMinutes(10);

	/**
	 * How long after a bucket closes its visitor set is kept, for hits still in a buffer
	 * somewhere.
	 */
	static final Duration CLOSED_SETS_KEPT = Duration.ofMinutes(15);

	private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(1);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

	/** How long a stop keeps trying to write what is left while the database is away. */
	private static final Duration SHUTDOWN_RETRIES = Duration.ofSeconds(10);

	private static final Duration SHUTDOWN_PAUSE = Duration.ofMillis(500);

	private static final Log logger = LogFactory.getLog(HitFlusher.class);

	private final HitBuffer buffer;

	private final TrafficWriter writer;

	private final SiteDirectory sites;

	private final PageDirectory pages;

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

	/**
	 * A batch whose write failed after its transaction began: in the database or not, to
	 * be found out.
	 */
	private @Nullable HitBatch unsettled;

	/**
	 * Failed flushes in a row, and when the first of them failed: logged once per outage,
	 * not every second.
	 */
	private int failuresInRow;

	private long failingSince;

	/**
	 * For a batch found committed after its answer was lost: this instance was never told
	 * of the change.
	 */
	private final ApplicationEventPublisher events;

	HitFlusher(HitBuffer buffer, TrafficWriter writer, SiteDirectory sites, PageDirectory pages,
			TrafficProperties properties, Clock clock, MeterRegistry meters, ApplicationEventPublisher events) {
		this.events = events;
		this.buffer = buffer;
		this.writer = writer;
		this.sites = sites;
		this.pages = pages;
		this.clock = clock;
		this.interval = properties.flushInterval();
		this.flushSize = properties.flushSize();
		this.flushTimer = Timer.builder("egov.hits.flush")
			.description("Time to write one batch of hits")
			.register(meters);
		this.flushed = Counter.builder("egov.hits.flushed")
			.description("Hits written to the database")
			.register(meters);
		this.failures = Counter.builder("egov.hits.flush.failures")
			.description("Flushes that failed and will be retried")
			.register(meters);
		Gauge.builder("egov.hits.pending", buffer, HitBuffer::pending)
			.description("Hits waiting to be written")
			.register(meters);
	}

	@Override
	public void start() {
		this.sites.refresh().block(WRITE_TIMEOUT);
		this.pages.refresh().block(WRITE_TIMEOUT);
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
		long deadline = System.nanoTime() + SHUTDOWN_RETRIES.toNanos();
		while (!flush() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
			sleep(SHUTDOWN_PAUSE);
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
	 * Writes everything pending, in the calling thread; true when the write succeeded (or
	 * there was nothing to write). One flush at a time.
	 */
	synchronized boolean flush() {
		HitBatch pending = this.unsettled;
		if (pending != null && !settle(pending)) {
			return false;
		}
		HitBatch batch = this.buffer.drain();
		if (batch.isEmpty()) {
			return true;
		}
		long started = System.nanoTime();
		try {
			this.writer.write(batch).block(WRITE_TIMEOUT);
			written(batch);
			return true;
		}
		catch (RuntimeException ex) {
			if (batch.transactionId != null) {
				this.unsettled = batch;
			}
			else {
				this.buffer.restore(batch);
			}
			failed(batch.hits, ex);
			return false;
		}
		finally {
			this.flushTimer.record(Duration.ofNanos(System.nanoTime() - started));
		}
	}

	/**
	 * Asks PostgreSQL whether the transaction of a batch whose write failed committed;
	 * false while that cannot be known (the database still away, or the transaction still
	 * running).
	 */
	private boolean settle(HitBatch batch) {
		String id = batch.transactionId;
		String status;
		try {
			status = (id != null) ? this.writer.transactionStatus(id).block(WRITE_TIMEOUT) : "aborted";
		}
		catch (RuntimeException ex) {
			failed(batch.hits, ex);
			return false;
		}
		if ("in progress".equals(status)) {
			return false;
		}
		this.unsettled = null;
		if ("committed".equals(status)) {
			logger
				.info("The write of " + batch.hits + " hits that seemed to fail had committed; not writing them again");
			written(batch);
			// Its NOTIFY went out with the commit; this instance never heard that the
			// commit succeeded.
			this.events.publishEvent(batch.change());
		}
		else {
			if (!"aborted".equals(status)) {
				logger.warn("The outcome of transaction " + id + " is " + status + "; writing its " + batch.hits
						+ " hits again");
			}
			this.buffer.restore(batch);
		}
		return true;
	}

	private void written(HitBatch batch) {
		this.buffer.written(batch);
		this.flushed.increment(batch.hits);
		if (this.failuresInRow > 0) {
			logger.info("Writing hits again after " + this.failuresInRow + " failed attempts over "
					+ Duration.ofNanos(System.nanoTime() - this.failingSince).toSeconds() + " s; "
					+ this.buffer.pending() + " still pending");
			this.failuresInRow = 0;
		}
	}

	/**
	 * Counts a failure; logs the first of a series (the others at debug level: one every
	 * interval).
	 */
	private void failed(int hits, RuntimeException ex) {
		this.failures.increment();
		if (this.failuresInRow++ == 0) {
			this.failingSince = System.nanoTime();
			if (DatabaseUnavailable.isCauseOf(ex)) {
				logger.warn("Could not write " + hits + " hits, the database is unavailable ("
						+ NestedExceptionUtils.getMostSpecificCause(ex).getMessage()
						+ "); keeping them and retrying every " + this.interval.toMillis() + " ms");
			}
			else {
				logger.warn("Could not write " + hits + " hits; keeping them and retrying", ex);
			}
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Still cannot write " + hits + " hits (attempt " + this.failuresInRow + ")", ex);
		}
	}

	/**
	 * Deletes the visitor sets no bucket can need any more, and reloads the site codes
	 * and the new pages.
	 */
	void housekeeping(Instant now) {
		for (Granularity g : Granularity.values()) {
			Instant before = (g == Granularity.MINUTE) ? now.minus(MINUTE_SETS_KEPT)
					: g.start(now.minus(CLOSED_SETS_KEPT));
			this.writer.deleteClosedSets(g, before).block(WRITE_TIMEOUT);
		}
		this.sites.refresh().block(WRITE_TIMEOUT);
		this.pages.refresh().block(WRITE_TIMEOUT);
	}

	private void loop() {
		while (this.running) {
			// Until the interval is over, the buffer is full enough, or the server stops
			// (a wait may end early).
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

	/**
	 * After a failure, wait an interval before trying again rather than hammering the
	 * database.
	 */
	private void pause() {
		sleep(this.interval);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
