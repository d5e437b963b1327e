package vn.egov.dashboard.graphql;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.server.webflux.GraphiQlHandler;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import vn.egov.dashboard.system.RequestPipeline;

/**
 * GraphiQL that works without internet access: Spring's handler with a page of ours,
 * {@code graphiql-offline/index.html}, whose scripts and styles come from WebJars served
 * by this server ({@code /webjars/…}), where Spring's own page loads them from a public
 * CDN. At {@code spring.graphql.graphiql.path}, ahead of Boot's route for it (order 0),
 * under the same switch ({@code spring.graphql.graphiql.enabled}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("spring.graphql.graphiql.enabled")
class GraphiQlConfiguration {

	@Bean
	@Order(RequestPipeline.ROUTES_BEFORE_GRAPHQL)
	RouterFunction<ServerResponse> offlineGraphiQl(@Value("${spring.graphql.graphiql.path:/graphiql}") String path,
			@Value("${spring.graphql.http.path:/graphql}") String graphQlPath) {
		GraphiQlHandler handler = new GraphiQlHandler(graphQlPath, null,
				new ClassPathResource("graphiql-offline/index.html"));
		return RouterFunctions.route(RequestPredicates.GET(path), handler::handleRequest);
	}

}
