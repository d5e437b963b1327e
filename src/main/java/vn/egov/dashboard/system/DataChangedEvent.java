package vn.egov.dashboard.system;

/**
 * Published after a committed write changed public data of one kind ({@code "measurement"},
 * {@code "plan"}, …), so that derived views (gauges, caches) can refresh at once.
 *
 * @param entity what kind of data changed
 */
public record DataChangedEvent(String entity) {

}
