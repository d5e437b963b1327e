package vn.egov.dashboard.agency;

import vn.egov.dashboard.graphql.NotFoundException;

/**
 * No agency has the code a request names.
 */
public class AgencyNotFoundException extends NotFoundException {

	public AgencyNotFoundException(String code) {
		super("No agency with code '" + code + "'");
	}

}
