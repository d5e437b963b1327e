package vn.egov.dashboard.csv;

import org.jspecify.annotations.Nullable;

/**
 * A problem with one line of an imported CSV file.
 *
 * @param line the line number in the file, counting the header as line 1
 * @param column the column at fault (a header name such as {@code score}), or null for
 * the whole line
 * @param message what is wrong, in English, naming the value
 */
public record ImportProblem(int line, @Nullable String column, String message) {

	@Override
	public String toString() {
		return "line " + this.line + ((this.column != null) ? " [" + this.column + "]" : "") + ": " + this.message;
	}

}
