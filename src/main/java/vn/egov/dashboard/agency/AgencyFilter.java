package vn.egov.dashboard.agency;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code AgencyFilter} input: every given condition must hold.
 */
record AgencyFilter(@Nullable List<AgencyKind> kinds, @Nullable String search, @Nullable LocalDate asOf,
		@Nullable String parentCode) {

	static final AgencyFilter NONE = new AgencyFilter(null, null, null, null);

}
