package vn.egov.dashboard.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded buffer: all or none of a request's hits, batches put back after a failed
 * flush, and a bound that holds while flushes fail.
 */
class HitBufferTests {

	private static final Instant NOW = Instant.parse("2026-05-01T03:00:00Z");

	@Test
	void shouldRefuseARequestThatWouldOverflowAndTakeNoneOfIt() {
		HitBuffer buffer = new HitBuffer(properties(3));
		assertThat(buffer.offer(List.of(hit("a"), hit("b")), NOW)).isTrue();
		assertThat(buffer.offer(List.of(hit("c"), hit("d")), NOW)).isFalse();
		assertThat(buffer.pending()).isEqualTo(2);
		assertThat(buffer.offer(List.of(hit("c")), NOW)).isTrue();
		assertThat(buffer.pending()).isEqualTo(3);
	}

	@Test
	void shouldAggregateByMinuteVisitorAndPage() {
		HitBuffer buffer = new HitBuffer(properties(100));
		buffer.offer(List.of(hit("a"), hit("a"), hit("b")), NOW);
		buffer.offer(List.of(hit("a")), NOW.plus(Duration.ofSeconds(61)));
		HitBatch batch = buffer.drain();
		assertThat(batch.hits).isEqualTo(4);
		assertThat(batch.minutes).hasSize(2);
		assertThat(batch.visits).hasSize(3);
		assertThat(batch.pages).hasSize(1);
		assertThat(batch.pages.values().iterator().next().views).isEqualTo(4);
		assertThat(buffer.pending()).as("drained, not written yet").isEqualTo(4);
		buffer.written(batch);
		assertThat(buffer.pending()).isZero();
	}

	@Test
	void shouldCountAFlushInProgressAgainstTheCapacity() {
		HitBuffer buffer = new HitBuffer(properties(4));
		buffer.offer(List.of(hit("a"), hit("b"), hit("c")), NOW);
		HitBatch failing = buffer.drain();
		// While the database is away the drained batch still takes room: one more fits,
		// not four.
		assertThat(buffer.offer(List.of(hit("d"), hit("e")), NOW)).isFalse();
		assertThat(buffer.offer(List.of(hit("d")), NOW)).isTrue();
		buffer.restore(failing);
		assertThat(buffer.pending()).isEqualTo(4);
		assertThat(buffer.offer(List.of(hit("e")), NOW)).isFalse();
		HitBatch all = buffer.drain();
		assertThat(all.hits).isEqualTo(4);
		buffer.written(all);
		assertThat(buffer.pending()).isZero();
		assertThat(buffer.offer(List.of(hit("e")), NOW)).isTrue();
	}

	@Test
	void shouldPutBackAFailedBatchWithoutLosingNewerHits() {
		HitBuffer buffer = new HitBuffer(properties(100));
		buffer.offer(List.of(hit("a")), NOW);
		HitBatch failed = buffer.drain();
		buffer.offer(List.of(hit("b"), hit("c")), NOW);
		buffer.restore(failed);
		HitBatch all = buffer.drain();
		assertThat(all.hits).isEqualTo(3);
		assertThat(all.visits).hasSize(3);
		assertThat(all.pages.values().iterator().next().views).isEqualTo(3);
	}

	private static AcceptedHit hit(String visitor) {
		return new AcceptedHit("S", "/", null, visitor.hashCode(), false);
	}

	private static TrafficProperties properties(int capacity) {
		return new TrafficProperties(Duration.ofSeconds(1), 5000, capacity, 100, 20000, "");
	}

}
