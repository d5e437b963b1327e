package vn.egov.dashboard.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Generated yearly values of the two e-document indicators for every ministry, agency and
 * province that existed in 2016–2020, so that progress and dashboards have something to
 * show. No official per-agency figures are published in the sources, so every row is
 * labelled {@code sample} and its {@code source} says plainly that it is sample data. The
 * values are the same on every load: each series is seeded by its agency and indicator.
 */
final class SampleMeasurements {

	static final String SOURCE = "Dữ liệu mẫu do hệ thống sinh, không phải số liệu chính thức (generated sample data, not an official figure)";

	static final int FIRST_YEAR = 2016;

	static final int LAST_YEAR = 2020;

	/** Indicator, lowest and highest 2016 value. */
	private static final List<Object[]> SERIES = List.of(new Object[] { "E_DOC_SUBMISSION", 30, 75 },
			new Object[] { "E_DOC_EXCHANGE", 20, 65 });

	private static final String SELECT_AGENCIES = """
			SELECT code FROM agency
			 WHERE kind IN ('MINISTRY', 'MINISTERIAL_AGENCY', 'GOVERNMENT_AGENCY', 'PROVINCE')
			   AND (valid_from IS NULL OR valid_from <= :first)
			   AND (valid_to IS NULL OR valid_to >= :last)
			 ORDER BY code
			""";

	private static final String INSERT = """
			INSERT INTO measurement (indicator_code, agency_code, period, value, source, sample)
			SELECT i, a, p, v, :source, true FROM unnest(:indicators, :agencies, :periods, :values) AS t (i, a, p, v)
			""";

	private SampleMeasurements() {
	}

	static Flux<String> insert(DatabaseClient db) {
		return db.sql(SELECT_AGENCIES)
			.bind("first", LocalDate.of(FIRST_YEAR, 1, 1))
			.bind("last", LocalDate.of(LAST_YEAR, 12, 31))
			.map((row) -> row.get("code", String.class))
			.all()
			.collectList()
			.flatMap((agencies) -> {
				List<String> indicatorCodes = new ArrayList<>();
				List<String> agencyCodes = new ArrayList<>();
				List<LocalDate> periods = new ArrayList<>();
				List<BigDecimal> values = new ArrayList<>();
				for (String agency : agencies) {
					for (Object[] series : SERIES) {
						String indicator = (String) series[0];
						double[] yearly = values(agency + "/" + indicator, (int) series[1], (int) series[2]);
						for (int i = 0; i < yearly.length; i++) {
							indicatorCodes.add(indicator);
							agencyCodes.add(agency);
							periods.add(LocalDate.of(FIRST_YEAR + i, 12, 31));
							values.add(BigDecimal.valueOf(yearly[i]).setScale(1, RoundingMode.HALF_UP));
						}
					}
				}
				return db.sql(INSERT)
					.bind("source", SOURCE)
					.bind("indicators", indicatorCodes.toArray(String[]::new))
					.bind("agencies", agencyCodes.toArray(String[]::new))
					.bind("periods", periods.toArray(LocalDate[]::new))
					.bind("values", values.toArray(BigDecimal[]::new))
					.fetch()
					.rowsUpdated();
			})
			.map((rows) -> "Demo data: " + rows + " sample measurements")
			.flux();
	}

	/** A rising yearly series from a start in [low, high], capped at 100. */
	static double[] values(String seed, int low, int high) {
		Random random = new Random(seed.hashCode());
		double[] values = new double[LAST_YEAR - FIRST_YEAR + 1];
		double value = low + random.nextDouble() * (high - low);
		for (int i = 0; i < values.length; i++) {
			values[i] = Math.min(100, value);
			value += 2 + random.nextDouble() * 12;
		}
		return values;
	}

}
