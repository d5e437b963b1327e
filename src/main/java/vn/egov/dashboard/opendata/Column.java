package vn.egov.dashboard.opendata;

/**
 * A column of a table: its value in a row is read at {@code path} (field names joined by
 * dots) in the list item of {@code level}, or, for a path {@code $name}, is the query's
 * variable {@code name}.
 *
 * @param level 0 for the items of the table's first list, 1 for those of the list inside
 * each of them
 */
record Column(String name, String description, int level, String path) {

	static Column of(String name, String path, String description) {
		return new Column(name, description, 0, path);
	}

	static Column inner(String name, String path, String description) {
		return new Column(name, description, 1, path);
	}

}
