package vn.egov.dashboard.plan;

import vn.egov.dashboard.graphql.NotFoundException;

/**
 * No plan has the id a request names.
 */
public class PlanNotFoundException extends NotFoundException {

	public PlanNotFoundException(Object id) {
		super("No plan with id '" + id + "'");
	}

}
