package vn.egov.dashboard.assessment;

import java.util.Set;

import vn.egov.dashboard.agency.AgencyKind;

/**
 * A ranking group within a round: agencies are ranked only against the others of their
 * block.
 */
public enum Block {

	/** The 63 provinces and centrally governed cities before the 2025 merger. */
	PROVINCES(Set.of(AgencyKind.PROVINCE)),
	/** DTI 2024 recomputed for the 34 provinces after the 2025 merger. */
	PROVINCES_POST_MERGER(Set.of(AgencyKind.PROVINCE)),
	/** Bộ, cơ quan ngang Bộ (ICT_APPLICATION). */
	MINISTRIES(Set.of(AgencyKind.MINISTRY, AgencyKind.MINISTERIAL_AGENCY)),
	/** Cơ quan thuộc Chính phủ (ICT_APPLICATION). */
	GOVERNMENT_AGENCIES(Set.of(AgencyKind.GOVERNMENT_AGENCY)),
	/** DTI: bộ, ngành that provide public services. */
	MINISTRIES_WITH_PUBLIC_SERVICES(
			Set.of(AgencyKind.MINISTRY, AgencyKind.MINISTERIAL_AGENCY, AgencyKind.GOVERNMENT_AGENCY)),
	/** DTI: bộ, ngành that provide no public services. */
	MINISTRIES_WITHOUT_PUBLIC_SERVICES(
			Set.of(AgencyKind.MINISTRY, AgencyKind.MINISTERIAL_AGENCY, AgencyKind.GOVERNMENT_AGENCY)),
	/**
	 * Vietnam ICT Index: bộ, cơ quan ngang bộ and cơ quan thuộc Chính phủ in one group.
	 */
	MINISTRIES_AND_GOVERNMENT_AGENCIES(
			Set.of(AgencyKind.MINISTRY, AgencyKind.MINISTERIAL_AGENCY, AgencyKind.GOVERNMENT_AGENCY)),
	/** The national index, one row for the country ({@code VN}). */
	NATIONAL(Set.of(AgencyKind.NATION));

	private final Set<AgencyKind> kinds;

	Block(Set<AgencyKind> kinds) {
		this.kinds = kinds;
	}

	/** The kinds of agency this block ranks. */
	Set<AgencyKind> kinds() {
		return this.kinds;
	}

	/**
	 * Whether the block recomputes an earlier year for agencies created later (their
	 * validity is not checked against the assessed year), and may repeat agencies ranked
	 * in another block of the same round.
	 */
	boolean recomputation() {
		return this == PROVINCES_POST_MERGER;
	}

}
