/**
 * Meter names and domain gauges: what Prometheus scrapes beyond Spring Boot's built-in
 * metrics.
 */
@NullMarked
package vn.egov.dashboard.observability;

import org.jspecify.annotations.NullMarked;
