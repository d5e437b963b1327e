package vn.egov.dashboard.assessment;

import java.util.List;

import org.jspecify.annotations.Nullable;

import vn.egov.dashboard.csv.ImportOutcome;
import vn.egov.dashboard.csv.ImportProblem;

/**
 * The outcome of an import. When {@code errors} is not empty nothing was written
 * ({@code imported} is false); otherwise the scores of the round (or of its block
 * {@code replacedBlock}) were replaced by the file's rows in one transaction, unless
 * {@code validateOnly}: then nothing was written and the counts say what the import would
 * do. {@code warnings} never stop an import.
 *
 * @param replacedBlock the one block replaced, or null for the whole round
 * @param rowsRead data lines read (header and blank lines not counted)
 * @param rowsImported scores written (or that an import would write)
 * @param rowsReplaced scores of the round that the import deleted (or would delete)
 */
public record ImportResult(Framework framework, int year, @Nullable Block replacedBlock, boolean validateOnly,
		boolean imported, int rowsRead, int rowsImported, int rowsReplaced, List<ImportProblem> errors,
		List<ImportProblem> warnings) implements ImportOutcome {

	static ImportResult rejected(Framework framework, int year, @Nullable Block replacedBlock, boolean validateOnly,
			int rowsRead, List<ImportProblem> errors, List<ImportProblem> warnings) {
		return new ImportResult(framework, year, replacedBlock, validateOnly, false, rowsRead, 0, 0, errors, warnings);
	}

	@Override
	public String describe(String file) {
		String into = this.framework + " " + this.year
				+ ((this.replacedBlock != null) ? " block " + this.replacedBlock : "");
		return this.validateOnly
				? "Checked " + file + ": importing it would write " + this.rowsImported + " scores into " + into
						+ " (replacing " + this.rowsReplaced + "); nothing was written."
				: "Imported " + this.rowsImported + " scores from " + file + " into " + into + " (replaced "
						+ this.rowsReplaced + ").";
	}

}
