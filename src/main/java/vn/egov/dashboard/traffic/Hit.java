package vn.egov.dashboard.traffic;

import org.jspecify.annotations.Nullable;

/**
 * A page view as a client sent it, not yet checked: the beacon's JSON object or the
 * {@code HitInput} of the {@code recordHits} mutation. A field of the wrong JSON type
 * arrives as {@link #INVALID}.
 */
record Hit(@Nullable Object site, @Nullable Object path, @Nullable Object title, @Nullable Object visitorId,
		@Nullable Object member) {

	/** Stands for a field whose JSON type is wrong (a number where text belongs, say). */
	static final Object INVALID = new Object();

}
