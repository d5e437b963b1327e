package vn.egov.dashboard.live;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.system.DataChangedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a window of local changes becomes NOTIFY messages.
 */
class ChangeMessagesTests {

	@Test
	void shouldSendOneMessagePerEntityWithTheUnionOfKeys() {
		List<ChangeMessage> messages = ChangeNotifier.merge("me", List.of(DataChangedEvent.of("poll", 1),
				new DataChangedEvent("traffic"), DataChangedEvent.of("poll", 2), DataChangedEvent.of("poll", 1)));
		assertThat(messages).containsExactly(new ChangeMessage("me", "poll", List.of("1", "2")),
				new ChangeMessage("me", "traffic", List.of()));
	}

	@Test
	void shouldMeanAnyRowWhenOneChangeHadNoKeys() {
		List<ChangeMessage> messages = ChangeNotifier.merge("me",
				List.of(DataChangedEvent.of("poll", 1), new DataChangedEvent("poll")));
		assertThat(messages).containsExactly(new ChangeMessage("me", "poll", List.of()));
	}

	@Test
	void shouldNameNoRowsRatherThanTooManyForOnePayload() {
		List<String> keys = IntStream.rangeClosed(1, ChangeMessage.MAX_KEYS + 1).mapToObj(String::valueOf).toList();
		assertThat(new ChangeMessage("me", "poll", keys).keys()).isEmpty();
		assertThat(new ChangeMessage("me", "poll", keys.subList(0, ChangeMessage.MAX_KEYS)).keys()).hasSize(ChangeMessage.MAX_KEYS);
	}

	@Test
	void shouldTellWhichViewsAChangeAffects() {
		DataChangedEvent poll = DataChangedEvent.of("poll", 7);
		assertThat(poll.affects("poll", "7")).isTrue();
		assertThat(poll.affects("poll", "8")).isFalse();
		assertThat(poll.affects("traffic")).isFalse();
		assertThat(new DataChangedEvent("poll").affects("poll", "8")).isTrue();
		assertThat(new DataChangedEvent(DataChangedEvent.EVERYTHING, List.of(), true).affects("traffic", "CDSQG")).isTrue();
	}

}
