package vn.egov.dashboard.assessment;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;

/**
 * Reads the lines of an assessment CSV file (the format is described in
 * {@code docs/assessment.md}): a header row naming the columns, then one score per line.
 * This step checks only the file's shape: the header, the number of values per line, and
 * the {@code framework}/{@code year} columns when a file carries them. What the values
 * mean is checked by {@link ImportValidator}.
 */
final class AssessmentCsv {

	static final String BLOCK = "block";

	static final String AGENCY = "agency_code";

	static final String CATEGORY = "category";

	static final String SCORE = "score";

	static final String RANK = "rank";

	static final String SOURCE = "source";

	static final String NOTE = "note";

	static final List<String> REQUIRED = List.of(BLOCK, AGENCY, CATEGORY, SCORE);

	/** Read when present. */
	static final List<String> OPTIONAL = List.of(RANK, SOURCE, NOTE);

	/**
	 * Present in {@code assessment_scores.csv}: checked against the import's framework
	 * and year, or ignored.
	 */
	private static final Set<String> TOLERATED = Set.of("framework", "year", "agency_name");

	/** {@code assessment_scores.csv} calls the agency column {@code agency_id}. */
	private static final Map<String, String> ALIASES = Map.of("agency_id", AGENCY);

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
		.setAllowMissingColumnNames(false)
		.get();

	private AssessmentCsv() {
	}

	/**
	 * A data line: the values by (canonical) column name, blank values absent.
	 */
	record Line(int number, Map<String, String> values) {

		@Nullable String get(String column) {
			return this.values.get(column);
		}

	}

	/**
	 * The lines that have the right shape, and a problem for every line that does not.
	 */
	record Parsed(List<Line> lines, List<ImportProblem> problems, int linesRead) {

	}

	static Parsed parse(String text, Framework framework, int year) {
		String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
		List<ImportProblem> problems = new ArrayList<>();
		List<Line> lines = new ArrayList<>();
		if (content.isBlank()) {
			problems.add(new ImportProblem(1, null, "the file is empty: expected a header row "
					+ String.join(",", REQUIRED) + " and one line per score"));
			return new Parsed(lines, problems, 0);
		}
		LineIndex index = new LineIndex(content);
		int read = 0;
		int lastLine = 1;
		try (CSVParser parser = CSVParser.parse(new StringReader(content), FORMAT)) {
			List<String> header = parser.getHeaderNames();
			Map<String, Integer> columns = columns(header, problems);
			if (!problems.isEmpty()) {
				return new Parsed(lines, problems, 0);
			}
			Iterator<CSVRecord> records = parser.iterator();
			while (true) {
				CSVRecord record;
				try {
					if (!records.hasNext()) {
						break;
					}
					record = records.next();
				}
				catch (UncheckedIOException | IllegalStateException ex) {
					problems.add(new ImportProblem(lastLine + 1, null, "the file is not valid CSV from here on ("
							+ cause(ex) + "); nothing from this line on was read"));
					break;
				}
				int number = index.lineOf(record.getCharacterPosition());
				lastLine = (int) parser.getCurrentLineNumber();
				if (record.stream().allMatch(String::isBlank)) {
					continue;
				}
				read++;
				if (record.size() != header.size()) {
					problems.add(new ImportProblem(number, null, "has " + record.size() + " values, expected "
							+ header.size() + " (" + String.join(",", header) + ")"));
					continue;
				}
				Map<String, String> values = new LinkedHashMap<>();
				columns.forEach((name, i) -> {
					String value = record.get(i).strip();
					if (!value.isEmpty()) {
						values.put(name, value);
					}
				});
				Line line = new Line(number, values);
				if (checkRound(line, framework, year, problems)) {
					lines.add(line);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// the header itself could not be read (e.g. a column named twice)
			problems.add(new ImportProblem(1, null, "the header row is not usable: " + shorten(ex.getMessage())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new Parsed(lines, problems, read);
	}

	/**
	 * The index of each known column, by canonical name; problems with the header go to
	 * {@code problems}.
	 */
	private static Map<String, Integer> columns(List<String> header, List<ImportProblem> problems) {
		Map<String, Integer> columns = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String raw = header.get(i).strip().toLowerCase(Locale.ROOT);
			String name = ALIASES.getOrDefault(raw, raw);
			if (REQUIRED.contains(name) || OPTIONAL.contains(name) || TOLERATED.contains(name)) {
				if (columns.putIfAbsent(name, i) != null) {
					problems.add(new ImportProblem(1, name, "column " + name + " is given twice"));
				}
			}
			else {
				problems
					.add(new ImportProblem(1, header.get(i), "unknown column '" + header.get(i) + "'; the columns are "
							+ String.join(", ", REQUIRED) + " and optionally " + String.join(", ", OPTIONAL)));
			}
		}
		for (String required : REQUIRED) {
			if (!columns.containsKey(required)) {
				problems.add(new ImportProblem(1, required,
						"the header has no column " + required + "; it must name " + String.join(", ", REQUIRED)));
			}
		}
		return columns;
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

	/** A library message, which may quote the whole header, cut to a readable length. */
	private static String shorten(@Nullable String message) {
		String text = (message != null) ? message : "unreadable";
		return (text.length() > 160) ? text.substring(0, 160) + "…" : text;
	}

	private static String cause(RuntimeException ex) {
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		String message = cause.getMessage();
		return (message != null) ? message : cause.getClass().getSimpleName();
	}

	/** Maps a character position in the text to its 1-based line number. */
	static final class LineIndex {

		private final String text;

		private final int[] starts;

		LineIndex(String text) {
			this.text = text;
			int[] found = new int[16];
			int count = 0;
			found[count++] = 0;
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				boolean end = c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'));
				if (end) {
					if (count == found.length) {
						found = Arrays.copyOf(found, count * 2);
					}
					found[count++] = i + 1;
				}
			}
			this.starts = Arrays.copyOf(found, count);
		}

		/**
		 * The line of the first non-blank character at or after {@code position}: a
		 * record's position is taken before the parser skips the blank lines in front of
		 * it.
		 */
		int lineOf(long position) {
			int at = (int) position;
			while (at < this.text.length() && Character.isWhitespace(this.text.charAt(at))) {
				at++;
			}
			int i = Arrays.binarySearch(this.starts, Math.min(at, this.text.length()));
			return (i >= 0) ? i + 1 : -i - 1;
		}

	}

}
