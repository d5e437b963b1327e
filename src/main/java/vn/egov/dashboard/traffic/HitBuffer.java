package vn.egov.dashboard.traffic;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The bounded in-memory buffer between the beacon and the database. A request's hits are
 * taken all or none: when they would push the pending count past the capacity they are
 * refused, so a client is never told "accepted" for a hit that is not counted.
 * <p>
 * Pending means not yet in the database: the hits waiting here plus those drained for a
 * flush that has not succeeded yet. Both count against the capacity, so a long outage
 * (flushes failing, batches put back) keeps at most {@code capacity} hits in memory.
 */
@Component
class HitBuffer {

	private final int capacity;

	private HitBatch current = new HitBatch();

	/** Hits drained for a flush that has not succeeded (nor been put back) yet. */
	private int inFlight;

	HitBuffer(TrafficProperties properties) {
		this.capacity = properties.bufferCapacity();
	}

	/**
	 * Adds the hits, all received at {@code at}; false (and nothing added) when the
	 * buffer is full.
	 */
	synchronized boolean offer(List<AcceptedHit> hits, Instant at) {
		if (this.current.hits + this.inFlight + hits.size() > this.capacity) {
			return false;
		}
		for (AcceptedHit hit : hits) {
			this.current.add(hit, at);
		}
		return true;
	}

	/**
	 * Takes everything waiting, for a flush; the hits stay pending until {@link #written}
	 * or {@link #restore}.
	 */
	synchronized HitBatch drain() {
		HitBatch batch = this.current;
		this.current = new HitBatch();
		this.inFlight += batch.hits;
		return batch;
	}

	/** A drained batch is in the database. */
	synchronized void written(HitBatch batch) {
		this.inFlight -= batch.hits;
	}

	/**
	 * Puts back a drained batch whose flush failed, merged with the hits that arrived
	 * since.
	 */
	synchronized void restore(HitBatch batch) {
		this.inFlight -= batch.hits;
		batch.addAll(this.current);
		this.current = batch;
	}

	/**
	 * Hits not in the database yet: waiting, or in a flush that has not succeeded yet.
	 */
	synchronized int pending() {
		return this.current.hits + this.inFlight;
	}

}
