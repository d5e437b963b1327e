package vn.egov.dashboard.assessment;

/**
 * What a category of a round is.
 */
public enum CategoryKind {

	/** The overall index (code {@code TOTAL}); an empty category in a CSV file. */
	TOTAL,
	/** A pillar: Chính quyền số, Kinh tế số, Xã hội số. */
	PILLAR,
	/** A DTI main index (chỉ số chính), e.g. Nhận thức số. */
	INDEX,
	/** A Vietnam ICT Index sub-index, e.g. Hạ tầng kỹ thuật. */
	SUB_INDEX

}
