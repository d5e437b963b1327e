package vn.egov.dashboard.traffic;

import vn.egov.dashboard.graphql.NotFoundException;

/**
 * No site has the code a request names.
 */
public class SiteNotFoundException extends NotFoundException {

	public SiteNotFoundException(String code) {
		super("No site with code '" + code + "'");
	}

}
