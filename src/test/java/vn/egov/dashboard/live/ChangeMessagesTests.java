package vn.egov.dashboard.live;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.system.DataChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a NOTIFY message carries, and which views a change affects.
 */
class ChangeMessagesTests {

	@Test
	void shouldNameNoRowsRatherThanTooManyForOnePayload() {
		List<String> keys = IntStream.rangeClosed(1, ChangeMessage.MAX_KEYS + 1).mapToObj(String::valueOf).toList();
		assertThat(new ChangeMessage("me", "poll", keys).keys()).isEmpty();
		assertThat(new ChangeMessage("me", "poll", keys.subList(0, ChangeMessage.MAX_KEYS)).keys())
			.hasSize(ChangeMessage.MAX_KEYS);
	}

	@Test
	void shouldTellWhichViewsAChangeAffects() {
		DataChangedEvent poll = DataChangedEvent.of("poll", 7);
		assertThat(poll.affects("poll", "7")).isTrue();
		assertThat(poll.affects("poll", "8")).isFalse();
		assertThat(poll.affects("traffic")).isFalse();
		assertThat(new DataChangedEvent("poll").affects("poll", "8")).isTrue();
		assertThat(new DataChangedEvent(DataChangedEvent.EVERYTHING, List.of(), true).affects("traffic", "CDSQG"))
			.isTrue();
	}

}
