package vn.egov.dashboard.ratelimit;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * Rate limiting ({@code egov.rate-limit.*}), on unless
 * {@code egov.rate-limit.enabled=false}. Client addresses ({@link ClientKeys}) and the
 * per-request maxima of public mutations apply either way.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

	@Bean
	ClientKeys clientKeys(RateLimitProperties properties) {
		List<String> ranges = (properties.trustedProxies() != null) ? properties.trustedProxies() : List.of();
		return new ClientKeys(ranges.stream().filter((range) -> !range.isBlank()).map(Cidr::parse).toList());
	}

	/**
	 * Caps on connections and slow requests; on whether rate limiting is or not (the
	 * benchmarks switch budgets off, not these).
	 */
	@Bean
	ConnectionLimits connectionLimits(RateLimitProperties properties, ClientKeys keys, MeterRegistry meters) {
		return new ConnectionLimits(properties.connections(), keys, meters);
	}

	/** The budgets of anonymous writes: page views and votes; none when switched off. */
	@Bean
	WriteBudgets writeBudgets(RateLimitProperties properties, Clock clock, MeterRegistry meters) {
		if (!properties.enabled()) {
			return new WriteBudgets(Map.of());
		}
		return new WriteBudgets(Map.of(WriteBudgets.BEACON,
				new Buckets(WriteBudgets.BEACON, "page views", properties.beacon(), properties.maxClients(), clock,
						meters),
				WriteBudgets.VOTE,
				new Buckets(WriteBudgets.VOTE, "votes", properties.vote(), properties.maxClients(), clock, meters)));
	}

	@Bean
	PublicMutationLimits publicMutationLimits(List<PublicMutation> mutations, WriteBudgets budgets) {
		return new PublicMutationLimits(mutations, budgets);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "egov.rate-limit.enabled", matchIfMissing = true)
	static class Enabled {

		/** The GraphQL budget: every request but the beacon's and the actuator's. */
		@Bean
		Buckets graphqlBudget(RateLimitProperties properties, Clock clock, MeterRegistry meters) {
			return new Buckets("graphql", "requests",
					new RateLimitProperties.Budget(properties.capacity(), properties.refillPeriod()),
					properties.maxClients(), clock, meters);
		}

		@Bean
		RateLimitFilter rateLimitFilter(Buckets graphqlBudget, WriteBudgets writeBudgets, ClientKeys keys,
				JsonMapper json, @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
			Buckets beacon = writeBudgets.get(WriteBudgets.BEACON);
			if (beacon == null) {
				throw new IllegalStateException("rate limiting is on but the beacon has no budget");
			}
			return new RateLimitFilter(graphqlBudget, beacon, keys, actuatorPath, json);
		}

		/**
		 * Failed authentications, per address: bad keys and tokens are not free to try.
		 */
		@Bean
		FailedSignIns failedSignIns(RateLimitProperties properties, ClientKeys keys, JsonMapper json, Clock clock,
				MeterRegistry meters) {
			return new FailedSignIns(new Buckets("sign-in", "failed sign-ins", properties.failedSignIn(),
					properties.maxClients(), clock, meters), keys, json);
		}

		@Bean
		WebFilter failedSignInsPassed(FailedSignIns failedSignIns) {
			return failedSignIns.passed();
		}

		@Bean
		WebSocketRateLimit webSocketRateLimit(Buckets graphqlBudget, ClientKeys keys) {
			return new WebSocketRateLimit(graphqlBudget, keys);
		}

	}

}
