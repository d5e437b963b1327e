package vn.egov.dashboard.graphql.limits;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query limits ({@code egov.limits.*}): an instrumentation that Boot's GraphQL
 * auto-configuration adds to the engine, a timeout around every request, and the checks
 * of HTTP request bodies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

	@Bean
	LimitsInstrumentation limitsInstrumentation(LimitsProperties limits) {
		return new LimitsInstrumentation(limits);
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
