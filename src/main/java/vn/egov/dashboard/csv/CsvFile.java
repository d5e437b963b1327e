package vn.egov.dashboard.csv;

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
 * Reads the lines of an import file: a header row naming the columns, then one record per
 * line. This step checks only the file's shape: the header (every column known, each
 * required one present, none twice) and the number of values per line. What the values
 * mean is checked by each import. Line numbers are those of the file (the header is line
 * 1), whatever its line ends, blank lines or quoted values over several lines.
 */
public final class CsvFile {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
		.setAllowMissingColumnNames(false)
		.get();

	private CsvFile() {
	}

	/**
	 * The columns of one kind of file.
	 *
	 * @param record what one line holds, for messages ("score", "measurement")
	 * @param required columns every file names
	 * @param optional columns read when present
	 * @param tolerated columns accepted and left to the import to check or ignore
	 * @param aliases other names of columns, lower case, by the canonical name they stand
	 * for
	 */
	public record Columns(String record, List<String> required, List<String> optional, Set<String> tolerated,
			Map<String, String> aliases) {

		boolean known(String name) {
			return this.required.contains(name) || this.optional.contains(name) || this.tolerated.contains(name);
		}

	}

	/**
	 * A data line: the values by (canonical) column name, blank values absent.
	 */
	public record Line(int number, Map<String, String> values) {

		public @Nullable String get(String column) {
			return this.values.get(column);
		}

	}

	/**
	 * The lines that have the right shape, and a problem for every line that does not.
	 */
	public record Parsed(List<Line> lines, List<ImportProblem> problems, int linesRead) {

	}

	/** Reads {@code text} as a file of {@code columns}. */
	public static Parsed parse(String text, Columns columns) {
		String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
		List<ImportProblem> problems = new ArrayList<>();
		List<Line> lines = new ArrayList<>();
		if (content.isBlank()) {
			problems.add(new ImportProblem(1, null, "the file is empty: expected a header row "
					+ String.join(",", columns.required()) + " and one line per " + columns.record()));
			return new Parsed(lines, problems, 0);
		}
		LineIndex index = new LineIndex(content);
		int read = 0;
		int lastLine = 1;
		try (CSVParser parser = CSVParser.parse(new StringReader(content), FORMAT)) {
			List<String> header = parser.getHeaderNames();
			Map<String, Integer> indexes = indexes(header, columns, problems);
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
				indexes.forEach((name, i) -> {
					String value = record.get(i).strip();
					if (!value.isEmpty()) {
						values.put(name, value);
					}
				});
				lines.add(new Line(number, values));
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
	private static Map<String, Integer> indexes(List<String> header, Columns columns, List<ImportProblem> problems) {
		Map<String, Integer> indexes = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String raw = header.get(i).strip().toLowerCase(Locale.ROOT);
			String name = columns.aliases().getOrDefault(raw, raw);
			if (columns.known(name)) {
				if (indexes.putIfAbsent(name, i) != null) {
					problems.add(new ImportProblem(1, name, "column " + name + " is given twice"));
				}
			}
			else {
				problems.add(new ImportProblem(1, header.get(i),
						"unknown column '" + header.get(i) + "'; the columns are "
								+ String.join(", ", columns.required()) + (columns.optional().isEmpty() ? ""
										: " and optionally " + String.join(", ", columns.optional()))));
			}
		}
		for (String required : columns.required()) {
			if (!indexes.containsKey(required)) {
				problems.add(new ImportProblem(1, required, "the header has no column " + required + "; it must name "
						+ String.join(", ", columns.required())));
			}
		}
		return indexes;
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
