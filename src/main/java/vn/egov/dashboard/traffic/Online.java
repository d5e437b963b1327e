package vn.egov.dashboard.traffic;

/**
 * Distinct visitors seen lately, split by whether any of their hits came as a signed-in
 * member.
 */
record Online(long guests, long members) {

	long total() {
		return this.guests + this.members;
	}

}
