package vn.egov.dashboard.progress;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.csv.CsvFile.Columns;
import vn.egov.dashboard.csv.CsvFile.Line;
import vn.egov.dashboard.csv.ImportProblem;
import vn.egov.dashboard.graphql.InvalidInputException;

/**
 * The lines of a measurement import file (format: {@code docs/backoffice.md}): header
 * {@code indicator_code,agency_code,period,value,source} and optionally {@code note}; and
 * what each line must mean: a known indicator and agency, the agency in existence on the
 * period, a period that is a real past date ({@code 2024-12-31}), a plain decimal value
 * that fits the indicator's unit (as {@code recordMeasurement} checks it), a source, and
 * no value given twice. Every problem is reported, not just the first.
 */
final class MeasurementLines {

	static final String INDICATOR = "indicator_code";

	static final String AGENCY = "agency_code";

	static final String PERIOD = "period";

	static final String VALUE = "value";

	static final String SOURCE = "source";

	static final String NOTE = "note";

	static final Columns COLUMNS = new Columns("measurement", List.of(INDICATOR, AGENCY, PERIOD, VALUE, SOURCE),
			List.of(NOTE), Set.of(), Map.of());

	static final int MAX_SOURCE = 500;

	static final int MAX_NOTE = 2000;

	private MeasurementLines() {
	}

	/** A checked line, ready to be written. */
	record Row(int line, String indicatorCode, String agencyCode, LocalDate period, BigDecimal value, String source,
			@Nullable String note) {

		String key() {
			return MeasurementLines.key(this.indicatorCode, this.agencyCode, this.period);
		}

	}

	record Checked(List<Row> rows, List<ImportProblem> errors) {
	}

	/** Which value a line or a measurement is: one per indicator, agency and period. */
	static String key(String indicatorCode, String agencyCode, LocalDate period) {
		return indicatorCode + "/" + agencyCode + "/" + period;
	}

	static Checked check(List<Line> lines, Map<String, Indicator> indicators, Map<String, Agency> agencies,
			LocalDate today) {
		List<ImportProblem> errors = new ArrayList<>();
		List<Row> rows = new ArrayList<>();
		Map<String, Integer> firstLineOfKey = new HashMap<>();
		for (Line line : lines) {
			int before = errors.size();
			Indicator indicator = known(line, INDICATOR, indicators, "indicator", errors);
			Agency agency = known(line, AGENCY, agencies, "agency", errors);
			LocalDate period = period(line, agency, today, errors);
			BigDecimal value = value(line, indicator, errors);
			String source = text(line, SOURCE, true, MAX_SOURCE, errors);
			String note = text(line, NOTE, false, MAX_NOTE, errors);
			if (errors.size() > before || indicator == null || agency == null || period == null || value == null
					|| source == null) {
				continue;
			}
			Row row = new Row(line.number(), indicator.code(), agency.code(), period, value, source, note);
			Integer first = firstLineOfKey.putIfAbsent(row.key(), line.number());
			if (first != null) {
				errors.add(new ImportProblem(line.number(), null, "duplicate of line " + first + ": " + indicator.code()
						+ " of " + agency.code() + " for " + period + " is given twice"));
				continue;
			}
			rows.add(row);
		}
		return new Checked(rows, errors);
	}

	private static <T> @Nullable T known(Line line, String column, Map<String, T> known, String what,
			List<ImportProblem> errors) {
		String code = line.get(column);
		if (code == null) {
			errors.add(new ImportProblem(line.number(), column, column + " is required"));
			return null;
		}
		T found = known.get(code);
		if (found == null) {
			errors.add(new ImportProblem(line.number(), column, "unknown " + what + " '" + code + "'"));
		}
		return found;
	}

	private static @Nullable LocalDate period(Line line, @Nullable Agency agency, LocalDate today,
			List<ImportProblem> errors) {
		String given = line.get(PERIOD);
		if (given == null) {
			errors.add(new ImportProblem(line.number(), PERIOD,
					"period is required (the end of the period, e.g. " + today.getYear() + "-12-31 for a year)"));
			return null;
		}
		LocalDate period;
		try {
			period = LocalDate.parse(given);
		}
		catch (DateTimeParseException ex) {
			errors.add(new ImportProblem(line.number(), PERIOD,
					"'" + given + "' is not a date in the form yyyy-MM-dd, e.g. 2024-12-31"));
			return null;
		}
		if (period.isAfter(today)) {
			errors.add(new ImportProblem(line.number(), PERIOD, "period " + given + " is in the future"));
			return null;
		}
		if (agency != null && !agency.validOn(period)) {
			errors.add(new ImportProblem(line.number(), PERIOD,
					agency.code() + " (" + agency.name() + ") did not exist on " + period
							+ ((agency.successorCode() != null) ? "; report for its successor " + agency.successorCode()
									: "")));
			return null;
		}
		return period;
	}

	private static @Nullable BigDecimal value(Line line, @Nullable Indicator indicator, List<ImportProblem> errors) {
		String given = line.get(VALUE);
		if (given == null) {
			errors.add(new ImportProblem(line.number(), VALUE, "value is required"));
			return null;
		}
		if (!given.matches("[+-]?(\\d{1,15}(\\.\\d{0,9})?|\\.\\d{1,9})")) {
			errors.add(new ImportProblem(line.number(), VALUE,
					"'" + given + "' is not a number with at most 15 digits and 9 decimals"
							+ (given.matches("-?\\d+,\\d+")
									? "; write decimals with a point, e.g. " + given.replace(',', '.') : "")));
			return null;
		}
		BigDecimal value = new BigDecimal(given);
		if (indicator != null) {
			try {
				MeasurementService.checkValue(indicator, value.doubleValue());
			}
			catch (InvalidInputException ex) {
				errors.add(new ImportProblem(line.number(), VALUE, ex.getMessage() + " (" + indicator.code() + ")"));
				return null;
			}
		}
		return value;
	}

	private static @Nullable String text(Line line, String column, boolean required, int max,
			List<ImportProblem> errors) {
		String given = line.get(column);
		if (given == null && required) {
			errors.add(new ImportProblem(line.number(), column,
					column + " is required: the URL or document the value comes from"));
		}
		else if (given != null && given.length() > max) {
			errors.add(new ImportProblem(line.number(), column, column + " is longer than " + max + " characters"));
			return null;
		}
		return given;
	}

}
