package vn.egov.dashboard.ratelimit;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Rate limiting ({@code egov.rate-limit.*}), on unless
 * {@code egov.rate-limit.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnBooleanProperty(name = "egov.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

	@Bean
	ClientKeys clientKeys(RateLimitProperties properties) {
		List<String> ranges = (properties.trustedProxies() != null) ? properties.trustedProxies() : List.of();
		return new ClientKeys(ranges.stream().filter((range) -> !range.isBlank()).map(Cidr::parse).toList());
	}

	/** The GraphQL budget: every request but the beacon's and the actuator's. */
	@Bean
	Buckets graphqlBudget(RateLimitProperties properties, Clock clock, MeterRegistry meters) {
		return new Buckets("graphql", new RateLimitProperties.Budget(properties.capacity(), properties.refillPeriod()),
				properties.maxClients(), clock, meters);
	}

	/** The beacon's budget: {@code POST /api/hits}. */
	@Bean
	Buckets beaconBudget(RateLimitProperties properties, Clock clock, MeterRegistry meters) {
		return new Buckets("beacon", properties.beacon(), properties.maxClients(), clock, meters);
	}

	@Bean
	RateLimitFilter rateLimitFilter(Buckets graphqlBudget, Buckets beaconBudget, ClientKeys keys, JsonMapper json,
			@Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
		return new RateLimitFilter(graphqlBudget, beaconBudget, keys, actuatorPath, json);
	}

	@Bean
	WebSocketRateLimit webSocketRateLimit(Buckets graphqlBudget, ClientKeys keys) {
		return new WebSocketRateLimit(graphqlBudget, keys);
	}

}
