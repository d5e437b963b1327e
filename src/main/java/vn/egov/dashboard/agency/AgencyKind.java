package vn.egov.dashboard.agency;

/**
 * What kind of state body an agency is.
 */
public enum AgencyKind {

	/** Bộ. */
	MINISTRY,
	/** Cơ quan ngang Bộ. */
	MINISTERIAL_AGENCY,
	/** Cơ quan thuộc Chính phủ. */
	GOVERNMENT_AGENCY,
	/** UBND tỉnh / thành phố trực thuộc Trung ương. */
	PROVINCE,
	/** A unit under a parent agency (Cục, Sở TTTT, …). */
	UNIT,
	/** The country as a whole, for national indices. */
	NATION

}
