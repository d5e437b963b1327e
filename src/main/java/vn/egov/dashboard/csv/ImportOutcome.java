package vn.egov.dashboard.csv;

import java.util.List;

/**
 * What an import answers, whatever it imports: when {@code errors} is not empty nothing
 * was written.
 */
public interface ImportOutcome {

	/** Every problem that stopped the import, by line. */
	List<ImportProblem> errors();

	/** Problems that did not stop it. */
	List<ImportProblem> warnings();

	/**
	 * One sentence saying what the import of {@code file} wrote or, when it only
	 * validated the file, would write; read only when {@code errors} is empty.
	 */
	String describe(String file);

}
