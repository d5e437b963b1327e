package vn.egov.dashboard.graphql;

import graphql.scalars.ExtendedScalars;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Scalars (dates strictly read within a supported range: {@link DateScalars}) and the one
 * resolver of {@code totalCount} on every connection type.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

	@Bean
	RuntimeWiringConfigurer scalars() {
		return (builder) -> builder.scalar(DateScalars.DATE_SCALAR)
			.scalar(DateScalars.DATE_TIME_SCALAR)
			.scalar(ExtendedScalars.Json)
			.scalar(ExtendedScalars.GraphQLLong);
	}

	@Bean
	RuntimeWiringConfigurer totalCount() {
		return new TotalCountWiring();
	}

}
