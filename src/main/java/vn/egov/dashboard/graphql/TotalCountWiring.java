package vn.egov.dashboard.graphql;

import java.util.List;

import graphql.schema.DataFetcher;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.WiringFactory;

import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Resolves {@code totalCount} on every {@code *Connection} type from the count that the
 * list's controller attached with {@link Connections#of}. The count query runs only when
 * a client asks for the field. A connection without a count is the empty one Spring
 * substitutes when the list failed: its count is 0.
 */
final class TotalCountWiring implements RuntimeWiringConfigurer {

	@Override
	public void configure(RuntimeWiring.Builder builder) {
	}

	@Override
	public void configure(RuntimeWiring.Builder builder, List<WiringFactory> container) {
		container.add(new WiringFactory() {

			@Override
			public boolean providesDataFetcher(FieldWiringEnvironment environment) {
				return environment.getParentType().getName().endsWith("Connection")
						&& environment.getFieldDefinition().getName().equals("totalCount");
			}

			@Override
			public DataFetcher<?> getDataFetcher(FieldWiringEnvironment environment) {
				return (env) -> {
					if (env.getLocalContext() instanceof Connections.Count count) {
						return count.value().map(Long::intValue).toFuture();
					}
					// The empty connection Spring answers when the list itself failed
					// with an error.
					return 0;
				};
			}

		});
	}

}
