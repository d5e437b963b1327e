package vn.egov.dashboard.assessment;

import java.util.List;

/**
 * The outcome of an import. When {@code errors} is not empty nothing was written
 * ({@code imported} is false); otherwise the round's scores were replaced by the file's
 * rows in one transaction. {@code warnings} never stop an import.
 *
 * @param rowsRead data lines read (header and blank lines not counted)
 * @param rowsReplaced scores of the round that the import deleted
 */
public record ImportResult(Framework framework, int year, boolean imported, int rowsRead, int rowsImported,
		int rowsReplaced, List<ImportProblem> errors, List<ImportProblem> warnings) {

	static ImportResult rejected(Framework framework, int year, int rowsRead, List<ImportProblem> errors,
			List<ImportProblem> warnings) {
		return new ImportResult(framework, year, false, rowsRead, 0, 0, errors, warnings);
	}

}
