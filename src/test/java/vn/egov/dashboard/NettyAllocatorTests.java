package vn.egov.dashboard;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NettyAllocatorTests {

	private @Nullable String before;

	@BeforeEach
	void remember() {
		this.before = System.getProperty(EgovDashboardApplication.NETTY_ALLOCATOR);
	}

	@AfterEach
	void restore() {
		if (this.before == null) {
			System.clearProperty(EgovDashboardApplication.NETTY_ALLOCATOR);
		}
		else {
			System.setProperty(EgovDashboardApplication.NETTY_ALLOCATOR, this.before);
		}
	}

	@Test
	void shouldChooseThePooledAllocatorWhenNoneIsSet() {
		System.clearProperty(EgovDashboardApplication.NETTY_ALLOCATOR);
		EgovDashboardApplication.useNettyPooledAllocator();
		assertThat(System.getProperty(EgovDashboardApplication.NETTY_ALLOCATOR)).isEqualTo("pooled");
	}

	@Test
	void shouldKeepTheAllocatorTheCommandLineChose() {
		System.setProperty(EgovDashboardApplication.NETTY_ALLOCATOR, "adaptive");
		EgovDashboardApplication.useNettyPooledAllocator();
		assertThat(System.getProperty(EgovDashboardApplication.NETTY_ALLOCATOR)).isEqualTo("adaptive");
	}

}
