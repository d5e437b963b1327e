package vn.egov.dashboard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NettyDefaultsTests {

	private static final List<String> PROPERTIES = List.of(EgovDashboardApplication.NETTY_ALLOCATOR,
			EgovDashboardApplication.EVENT_LOOPS);

	private final Map<String, @Nullable String> before = new HashMap<>();

	@BeforeEach
	void remember() {
		PROPERTIES.forEach((property) -> this.before.put(property, System.getProperty(property)));
	}

	@AfterEach
	void restore() {
		this.before.forEach((property, value) -> {
			if (value == null) {
				System.clearProperty(property);
			}
			else {
				System.setProperty(property, value);
			}
		});
	}

	@Test
	void shouldChooseThePooledAllocatorAndOneEventLoopPerProcessorWhenNothingIsSet() {
		PROPERTIES.forEach(System::clearProperty);
		EgovDashboardApplication.nettyDefaults();
		assertThat(System.getProperty(EgovDashboardApplication.NETTY_ALLOCATOR)).isEqualTo("pooled");
		assertThat(System.getProperty(EgovDashboardApplication.EVENT_LOOPS))
			.isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
	}

	@Test
	void shouldKeepWhatTheCommandLineChose() {
		System.setProperty(EgovDashboardApplication.NETTY_ALLOCATOR, "adaptive");
		System.setProperty(EgovDashboardApplication.EVENT_LOOPS, "7");
		EgovDashboardApplication.nettyDefaults();
		assertThat(System.getProperty(EgovDashboardApplication.NETTY_ALLOCATOR)).isEqualTo("adaptive");
		assertThat(System.getProperty(EgovDashboardApplication.EVENT_LOOPS)).isEqualTo("7");
	}

}
