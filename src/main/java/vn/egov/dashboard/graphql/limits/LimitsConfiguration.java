package vn.egov.dashboard.graphql.limits;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;

/**
 * The query limits ({@code egov.limits.*}): an instrumentation that Boot's GraphQL
 * auto-configuration adds to the engine, a timeout around every request, and the checks
 * of HTTP request bodies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

	/**
	 * The query limits, with the cursor strategy of every connection: an {@code after}
	 * that it cannot read is refused before anything runs.
	 */
	@Bean
	LimitsInstrumentation limitsInstrumentation(LimitsProperties limits, CursorStrategy<ScrollPosition> cursors) {
		return new LimitsInstrumentation(limits, (cursor) -> {
			try {
				cursors.fromCursor(cursor);
				return true;
			}
			catch (RuntimeException ex) {
				return false;
			}
		});
	}

	@Bean
	RequestTimeout requestTimeout(LimitsProperties limits) {
		return new RequestTimeout(limits.timeout());
	}

	@Bean
	RequestBodies requestBodies(LimitsProperties limits, JsonMapper json,
			@Value("${spring.graphql.http.path:/graphql}") String path) {
		return new RequestBodies(path, limits.maxBodySize().toBytes(), json);
	}

}
