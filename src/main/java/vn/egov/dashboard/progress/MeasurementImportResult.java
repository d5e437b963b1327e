package vn.egov.dashboard.progress;

import java.util.List;

import vn.egov.dashboard.csv.ImportOutcome;
import vn.egov.dashboard.csv.ImportProblem;

/**
 * The outcome of a measurement import. When {@code errors} is not empty nothing was
 * written; otherwise every line was written in one transaction, unless
 * {@code validateOnly}: then nothing was written and the counts say what the import would
 * do.
 *
 * @param rowsRead data lines read (header and blank lines not counted)
 * @param rowsRecorded new values: no value was recorded for their indicator, agency and
 * period
 * @param rowsCorrected values that correct the one recorded for their indicator, agency
 * and period (which is kept, marked corrected)
 * @param rowsUnchanged lines that repeat the recorded value, source and note: not written
 */
public record MeasurementImportResult(boolean validateOnly, boolean imported, int rowsRead, int rowsRecorded,
		int rowsCorrected, int rowsUnchanged, List<ImportProblem> errors) implements ImportOutcome {

	static MeasurementImportResult rejected(boolean validateOnly, int rowsRead, List<ImportProblem> errors) {
		return new MeasurementImportResult(validateOnly, false, rowsRead, 0, 0, 0, errors);
	}

	@Override
	public List<ImportProblem> warnings() {
		return List.of();
	}

	@Override
	public String describe(String file) {
		String counts = this.rowsRecorded + " new, " + this.rowsCorrected + " corrected, " + this.rowsUnchanged
				+ " unchanged";
		return this.validateOnly ? "Checked " + file + ": importing it would write " + counts + "; nothing was written."
				: "Imported measurements from " + file + ": " + counts + ".";
	}

}
