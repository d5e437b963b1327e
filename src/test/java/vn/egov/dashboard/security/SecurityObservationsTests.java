package vn.egov.dashboard.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security does not observe every request's way through its filter chain nor the
 * {@code permitAll} decision every request gets; requests are still timed.
 */
class SecurityObservationsTests extends IntegrationTests {

	@Autowired
	private MeterRegistry registry;

	@Test
	void shouldTimeRequestsButNotEverySecurityFilter() {
		this.graphQl.document("{ agency(code: \"P01\") { code } }").execute().path("agency.code").hasValue();
		asAdmin().document("{ agency(code: \"P02\") { code } }").execute().path("agency.code").hasValue();
		assertThat(this.registry.find("http.server.requests").timers()).isNotEmpty();
		assertThat(this.registry.find("spring.security.filterchains").timers()).isEmpty();
		assertThat(this.registry.find("spring.security.authorizations").timers()).isEmpty();
	}

}
