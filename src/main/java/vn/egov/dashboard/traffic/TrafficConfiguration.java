package vn.egov.dashboard.traffic;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.egov.dashboard.ratelimit.PublicMutation;
import vn.egov.dashboard.ratelimit.WriteBudgets;

/**
 * Binds {@code egov.traffic.*}, and declares {@code recordHits} a public mutation: each
 * of its hits draws a token from the client's beacon budget, the same one the beacon
 * draws from, and one operation carries at most {@code max-hits-per-request} hits over
 * all its {@code recordHits} fields.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ TrafficProperties.class, PartitionProperties.class })
class TrafficConfiguration {

	@Bean
	PublicMutation recordHitsBudget(TrafficProperties properties) {
		return PublicMutation.perItem("recordHits", "hits", WriteBudgets.BEACON, properties.maxHitsPerRequest());
	}

}
