package vn.egov.dashboard.system;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock that decides "today": Vietnam's time zone, whatever the server's.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

	/** The zone of every local date and time of the API (+07:00 since 1975). */
	public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	@Bean
	Clock clock() {
		return Clock.system(VIETNAM);
	}

}
