package vn.egov.dashboard.document;

import vn.egov.dashboard.graphql.NotFoundException;

/**
 * No legal document has the number a request names.
 */
public class DocumentNotFoundException extends NotFoundException {

	public DocumentNotFoundException(String number) {
		super("No legal document numbered '" + number + "'");
	}

}
