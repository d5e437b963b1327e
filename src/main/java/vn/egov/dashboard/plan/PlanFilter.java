package vn.egov.dashboard.plan;

import org.jspecify.annotations.Nullable;

/**
 * The {@code PlanFilter} input; {@code year} keeps plans whose period includes it.
 */
record PlanFilter(@Nullable String agencyCode, @Nullable Integer year, @Nullable PlanKind kind,
		@Nullable PlanStatus status) {

	static final PlanFilter NONE = new PlanFilter(null, null, null, null);

}
