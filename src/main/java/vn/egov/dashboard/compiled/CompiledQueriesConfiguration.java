package vn.egov.dashboard.compiled;

import java.util.HashMap;
import java.util.Map;

import graphql.execution.DataFetcherExceptionHandler;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Installs {@link CompiledExecutionStrategy} for queries
 * ({@code egov.graphql.compiled=false} switches it off). The strategy replaces
 * graphql-java's default one, so it is given the exception handler Spring would have
 * built from the same resolvers, in the same order.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "egov.graphql.compiled", matchIfMissing = true)
class CompiledQueriesConfiguration {

	@Bean
	GraphQlSourceBuilderCustomizer compiledQueries(ObjectProvider<SqlJsonType> types,
			ObjectProvider<DataFetcherExceptionResolver> resolvers, DatabaseClient db, MeterRegistry registry) {
		return (builder) -> builder.configureGraphQl((graphQl) -> {
			DataFetcherExceptionHandler errors = DataFetcherExceptionResolver
				.createExceptionHandler(resolvers.orderedStream().toList());
			graphQl.queryExecutionStrategy(new CompiledExecutionStrategy(errors, byType(types), db, registry));
		});
	}

	private static Map<String, Map<String, SqlJsonType.FieldSql>> byType(ObjectProvider<SqlJsonType> types) {
		Map<String, Map<String, SqlJsonType.FieldSql>> byType = new HashMap<>();
		types.orderedStream().forEach((type) -> type.fields().forEach((field, sql) -> {
			if (byType.computeIfAbsent(type.typeName(), (name) -> new HashMap<>()).putIfAbsent(field, sql) != null) {
				throw new IllegalStateException("Two SQL forms of " + type.typeName() + "." + field);
			}
		}));
		return Map.copyOf(byType);
	}

}
