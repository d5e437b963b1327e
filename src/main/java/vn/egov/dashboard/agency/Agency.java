package vn.egov.dashboard.agency;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A state agency as it existed from {@code validFrom} to {@code validTo};
 * {@code successorCode} names the agency that took over when it ended.
 */
public record Agency(String code, @Nullable String officialCode, String name, @Nullable String fullName, String nameEn,
		AgencyKind kind, @Nullable String parentCode, @Nullable String region, @Nullable LocalDate validFrom,
		@Nullable LocalDate validTo, @Nullable String successorCode, @Nullable String note, @Nullable String source) {

	/** Whether the agency exists on {@code date}. */
	public boolean validOn(LocalDate date) {
		return (this.validFrom == null || !date.isBefore(this.validFrom))
				&& (this.validTo == null || !date.isAfter(this.validTo));
	}

}
