package vn.egov.dashboard.graphql;

import graphql.scalars.ExtendedScalars;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * Scalars (dates strictly read within a supported range: {@link DateScalars}), the one
 * resolver of {@code totalCount} on every connection type, and the way of
 * {@code POST /graphql} to its handler ({@link GraphQlHttpFilter}).
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

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	GraphQlHttpFilter graphQlHttpFilter(GraphQlHttpHandler handler, ServerCodecConfigurer codecs,
			@Value("${spring.graphql.http.path:/graphql}") String path) {
		return new GraphQlHttpFilter(handler, codecs, path);
	}

}
