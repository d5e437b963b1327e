package vn.egov.dashboard.assessment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.egov.dashboard.csv.CsvFile;
import vn.egov.dashboard.csv.CsvFile.Columns;
import vn.egov.dashboard.csv.CsvFile.Line;
import vn.egov.dashboard.csv.CsvFile.Parsed;
import vn.egov.dashboard.csv.ImportProblem;

/**
 * The columns of an assessment CSV file (the format is described in
 * {@code docs/assessment.md}), read by {@link CsvFile}, and the {@code framework} and
 * {@code year} columns a file may carry, checked against the import. What the values mean
 * is checked by {@link ImportValidator}.
 */
final class AssessmentCsv {

	static final String BLOCK = "block";

	static final String AGENCY = "agency_code";

	static final String CATEGORY = "category";

	static final String SCORE = "score";

	static final String RANK = "rank";

	static final String SOURCE = "source";

	static final String NOTE = "note";

	/**
	 * {@code framework} and {@code year}, present in {@code assessment_scores.csv}, are
	 * checked against the import; {@code agency_name} is ignored; that file calls the
	 * agency column {@code agency_id}.
	 */
	static final Columns COLUMNS = new Columns("score", List.of(BLOCK, AGENCY, CATEGORY, SCORE),
			List.of(RANK, SOURCE, NOTE), Set.of("framework", "year", "agency_name"), Map.of("agency_id", AGENCY));

	private AssessmentCsv() {
	}

	static Parsed parse(String text, Framework framework, int year) {
		Parsed read = CsvFile.parse(text, COLUMNS);
		List<ImportProblem> problems = new ArrayList<>(read.problems());
		List<Line> lines = read.lines().stream().filter((line) -> checkRound(line, framework, year, problems)).toList();
		return new Parsed(lines, problems, read.linesRead());
	}

	/**
	 * A file may carry framework and year columns (as assessment_scores.csv does); they
	 * must match the import.
	 */
	private static boolean checkRound(Line line, Framework framework, int year, List<ImportProblem> problems) {
		boolean ok = true;
		String givenFramework = line.get("framework");
		if (givenFramework != null && !givenFramework.equals(framework.name())) {
			problems.add(new ImportProblem(line.number(), "framework",
					"belongs to framework " + givenFramework + ", but this import is for " + framework));
			ok = false;
		}
		String givenYear = line.get("year");
		if (givenYear != null && !givenYear.equals(Integer.toString(year))) {
			problems.add(new ImportProblem(line.number(), "year",
					"belongs to year " + givenYear + ", but this import is for " + year));
			ok = false;
		}
		return ok;
	}

}
