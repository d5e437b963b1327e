package vn.egov.dashboard.poll;

import vn.egov.dashboard.graphql.NotFoundException;

/**
 * No poll has the id a request names.
 */
public class PollNotFoundException extends NotFoundException {

	public PollNotFoundException(long id) {
		super("No poll with id " + id);
	}

}
