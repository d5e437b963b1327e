package vn.egov.dashboard.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVRecord;
import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The published national figures of {@code national_measurements.csv} (UN EGDI, GII, IDI
 * and GCI ranks, the digital-economy share of GDP, online public services, …) as
 * measurements of the country, agency {@code VN}, each with its source URLs and note. A
 * row measures a target; the measurement is of the target's indicator, so a figure listed
 * under several targets of one indicator (the EGDI rank under QD749-06, QD749-07 and
 * QD942-12) is one measurement, with the note of its first row. The file is checked as it
 * is read: its unit must be the indicator's, and repeated figures must agree.
 */
final class NationalMeasurements {

	static final String NATION = "VN";

	private static final String INSERT = """
			INSERT INTO measurement (indicator_code, agency_code, period, value, source, note)
			SELECT i, :agency, p, v, s, n FROM unnest(:indicators, :periods, :values, :sources, :notes) AS t (i, p, v, s, n)
			""";

	private NationalMeasurements() {
	}

	/** A figure to write. */
	record Figure(String indicatorCode, LocalDate period, BigDecimal value, String source, String note) {
	}

	static Flux<String> insert(DatabaseClient db) {
		List<Figure> figures = figures(DemoDataLoader.read("national_measurements.csv"),
				DemoDataLoader.read("target_indicators.csv"), DemoDataLoader.read("indicators.csv"));
		return db.sql(INSERT)
			.bind("agency", NATION)
			.bind("indicators", figures.stream().map(Figure::indicatorCode).toArray(String[]::new))
			.bind("periods", figures.stream().map(Figure::period).toArray(LocalDate[]::new))
			.bind("values", figures.stream().map(Figure::value).toArray(BigDecimal[]::new))
			.bind("sources", figures.stream().map(Figure::source).toArray(String[]::new))
			.bind("notes", figures.stream().map(Figure::note).toArray(String[]::new))
			.fetch()
			.rowsUpdated()
			.map((rows) -> "Demo data: " + rows + " published national measurements")
			.flux();
	}

	/** One figure per indicator and period, in the order of the file. */
	static List<Figure> figures(List<CSVRecord> rows, List<CSVRecord> targetIndicators, List<CSVRecord> indicators) {
		Map<String, String> indicatorOf = new LinkedHashMap<>();
		targetIndicators.forEach((r) -> indicatorOf.put(r.get("target_id"), r.get("indicator_code")));
		Map<String, String> unitOf = new LinkedHashMap<>();
		indicators.forEach((r) -> unitOf.put(r.get("code"), r.get("unit")));
		Map<String, Figure> figures = new LinkedHashMap<>();
		for (CSVRecord row : rows) {
			String where = "national_measurements.csv line " + (row.getRecordNumber() + 1) + ": ";
			String indicator = indicatorOf.get(row.get("target_id"));
			if (indicator == null) {
				throw new IllegalStateException(where + "unknown target " + row.get("target_id"));
			}
			if (!row.get("unit").equals(unitOf.get(indicator))) {
				throw new IllegalStateException(where + "unit " + row.get("unit") + " is not the unit of " + indicator);
			}
			if (!row.get("scope").equals("NATIONAL")) {
				throw new IllegalStateException(where + "scope " + row.get("scope") + " is not NATIONAL");
			}
			Figure figure = new Figure(indicator, LocalDate.parse(row.get("period")), new BigDecimal(row.get("value")),
					row.get("source"), row.get("note"));
			Figure earlier = figures.putIfAbsent(indicator + "/" + figure.period(), figure);
			if (earlier != null && earlier.value().compareTo(figure.value()) != 0) {
				throw new IllegalStateException(where + indicator + " " + figure.period() + " is " + figure.value()
						+ " here and " + earlier.value() + " on an earlier line");
			}
		}
		return new ArrayList<>(figures.values());
	}

}
