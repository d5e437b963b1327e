package vn.egov.dashboard.traffic;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The bounded in-memory buffer between the beacon and the database. A request's hits are taken all or none:
 * when they would push the pending count past the capacity they are refused, so a client is never told
 * "accepted" for a hit that is not counted.
 */
@Component
class HitBuffer {

	private final int capacity;

	private HitBatch current = new HitBatch();

	HitBuffer(TrafficProperties properties) {
		this.capacity = properties.bufferCapacity();
	}

	/** Adds the hits, all received at {@code at}; false (and nothing added) when the buffer is full. */
	synchronized boolean offer(List<AcceptedHit> hits, Instant at) {
		if (this.current.hits + hits.size() > this.capacity) {
			return false;
		}
		for (AcceptedHit hit : hits) {
			this.current.add(hit, at);
		}
		return true;
	}

	/** Takes everything pending, leaving the buffer empty. */
	synchronized HitBatch drain() {
		HitBatch batch = this.current;
		this.current = new HitBatch();
		return batch;
	}

	/** Puts back a drained batch whose flush failed; it may take the buffer past its capacity for a while. */
	synchronized void restore(HitBatch batch) {
		batch.addAll(this.current);
		this.current = batch;
	}

	/** Hits waiting to be flushed. */
	synchronized int pending() {
		return this.current.hits;
	}

}
