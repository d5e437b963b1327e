package vn.egov.dashboard.observability;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Runs a gauge refresh one at a time. A request that arrives while a refresh runs is not
 * dropped: the refresh runs once more when it finishes, so a write is always reflected. A
 * failed refresh is logged and the gauges keep their last values.
 */
final class Refresher {

	private static final Log logger = LogFactory.getLog(Refresher.class);

	private final String what;

	private final Supplier<Mono<?>> work;

	/**
	 * Requests not yet covered by a finished run; above zero while a run is under way.
	 */
	private final AtomicInteger pending = new AtomicInteger();

	Refresher(String what, Supplier<Mono<?>> work) {
		this.what = what;
		this.work = work;
	}

	/** Refresh now, or, if a refresh is running, once more after it. */
	Mono<Void> refresh() {
		if (this.pending.getAndIncrement() > 0) {
			return Mono.empty();
		}
		return runUntilCaughtUp().doOnCancel(() -> this.pending.set(0));
	}

	private Mono<Void> runUntilCaughtUp() {
		return Mono.defer(() -> {
			int covered = this.pending.get();
			return this.work.get()
				.then()
				.doOnError((ex) -> logger.warn("Could not refresh the " + this.what + ": " + ex.getMessage()))
				.onErrorResume((ex) -> Mono.empty())
				.then(Mono
					.defer(() -> (this.pending.addAndGet(-covered) > 0) ? runUntilCaughtUp() : Mono.<Void>empty()));
		});
	}

}
