package vn.egov.dashboard.graphql.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code egov.limits.*}: how big and how slow a GraphQL request may be. Defaults are in
 * {@code application.yml}; the rules are in {@link Measure}.
 *
 * @param maxDepth deepest nesting of selections (a leaf field at the root is depth 1)
 * @param maxCost most objects an operation could return: every list or connection
 * multiplies what is selected under it by its {@code first} argument, or by the default
 * page size when there is none
 * @param maxAliases most aliased fields
 * @param maxFields most field selections, fragments counted every time they are spread
 * @param maxTokens most lexical tokens in a document (graphql-java's parser stops past
 * it)
 * @param maxBodySize largest body of an HTTP GraphQL request
 * @param timeout longest time a request may take before it is cancelled (until a
 * subscription's stream starts)
 */
@ConfigurationProperties("egov.limits")
record LimitsProperties(int maxDepth, long maxCost, int maxAliases, int maxFields, int maxTokens, DataSize maxBodySize,
		Duration timeout) {

}
