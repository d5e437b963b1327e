package vn.egov.dashboard.progress;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The published national figures of {@code demo/national_measurements.csv}, through the
 * API: every target with a row shows the latest figure on or before {@code asOf}, its
 * source and note, and the status the rule gives (the expected statuses below were worked
 * out by hand from the figures, the comparators and the deadlines).
 */
class NationalFiguresTests extends IntegrationTests {

	private static final String MID_2025 = "2025-06-30";

	private static final String LATE_2026 = "2026-12-06";

	/** Target, status in mid-2025, status in December 2026. */
	private static final Map<String, String[]> STATUSES = new LinkedHashMap<>();

	static {
		// UN EGDI rank 89, 88, 86, 86, 71 (2016-2024): -1.9 places a year reaches 69.1
		// by the end of 2025 (top 70 by 2025), 59.6 by 2030 (top 50, top 30: far off).
		status("QD749-06", "ON_TRACK", "MISSED");
		status("QD749-07", "OFF_TRACK", "OFF_TRACK");
		status("QD942-12", "OFF_TRACK", "OFF_TRACK");
		// 5th in Southeast Asia in 2024, top 4 by 2025.
		status("NQ17-02", "OFF_TRACK", "MISSED");
		// 10-15 places by 2020 from 2018's 88: 2 by 2020 (17 by 2024: met late).
		status("NQ17-01", "MISSED", "MISSED");
		// IDI 108 (2017), GCI 67 (2019), GII 44 (2024, 2025): top 50, 50, 35 by 2025.
		status("QD749-11", "OFF_TRACK", "MISSED");
		status("QD749-12", "OFF_TRACK", "MISSED");
		status("QD749-13", "OFF_TRACK", "MISSED");
		// GCI-cyber 25 (2020), 17 (2024): top 40 by 2025.
		status("QD749-16", "ACHIEVED", "ACHIEVED");
		// Digital economy 13.17% (2024), 14.02% (2025) of 20%; productivity +5.88% of 7%.
		status("QD749-08", "OFF_TRACK", "MISSED");
		status("QD749-10", "OFF_TRACK", "MISSED");
		// 90.81% of documents exchanged electronically in 2020 (80% by 2020).
		status("QD1819-02", "ACHIEVED", "ACHIEVED");
		// 30.1% of services at level 4 in Dec 2020 (30% by 2020).
		status("NQ17-07", "ACHIEVED", "ACHIEVED");
		// 97.3% of eligible procedures at level 4 (Aug 2022), 100% by 2025: within 10%.
		status("QD942-01", "AT_RISK", "MISSED");
		// 20% by 2020, but the first figure is of 2021: nothing to judge the deadline by.
		status("NQ17-04", "NO_DATA", "NO_DATA");
		// 70.8% of procedures on the national portal (July 2025), 80% by 2025.
		status("NQ76-05", "NO_DATA", "MISSED");
	}

	private static void status(String target, String mid2025, String late2026) {
		STATUSES.put(target, new String[] { mid2025, late2026 });
	}

	@Test
	void shouldShowEveryPublishedNationalFigureWithItsSourceAndStatus() throws IOException {
		Map<String, List<CSVRecord>> rows = new LinkedHashMap<>();
		for (CSVRecord row : read("national_measurements.csv")) {
			rows.computeIfAbsent(row.get("target_id"), (k) -> new ArrayList<>()).add(row);
		}
		assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(STATUSES.keySet());
		for (int i = 0; i < 2; i++) {
			String asOf = (i == 0) ? MID_2025 : LATE_2026;
			Map<String, Map<String, Object>> targets = targets(asOf, false);
			rows.forEach((code, figures) -> {
				Map<String, Object> target = targets.get(code);
				List<CSVRecord> known = figures.stream()
					.filter((r) -> !LocalDate.parse(r.get("period")).isAfter(LocalDate.parse(asOf)))
					.toList();
				Map<String, Object> national = map(target.get("national"));
				String expected = STATUSES.get(code)[asOf.equals(MID_2025) ? 0 : 1];
				assertThat(national.get("status")).as(code + " " + asOf).isEqualTo(expected);
				assertThat(map(national.get("agency")).get("code")).isEqualTo("VN");
				assertThat(national.get("sample")).as(code).isEqualTo(false);
				if (known.isEmpty()) {
					assertThat(national.get("latestValue")).as(code + " " + asOf).isNull();
					return;
				}
				CSVRecord latest = known.get(known.size() - 1);
				assertThat(national.get("latestPeriod")).as(code + " " + asOf).isEqualTo(latest.get("period"));
				double value = code.equals("NQ17-01") ? placesSince2018(known)
						: Double.parseDouble(latest.get("value"));
				assertThat(((Number) national.get("latestValue")).doubleValue()).as(code + " " + asOf)
					.isCloseTo(value, within(1e-9));
				Map<String, Object> measurement = map(national.get("latestMeasurement"));
				assertThat(((Number) measurement.get("value")).doubleValue()).as(code)
					.isCloseTo(Double.parseDouble(latest.get("value")), within(1e-9));
				assertThat(measurement.get("source")).as(code).isEqualTo(latest.get("source"));
				assertThat((String) measurement.get("note")).as(code).isNotBlank();
				assertThat(latest.get("note")).as(code).startsWith((String) measurement.get("note"));
				assertThat(measurement.get("sample")).isEqualTo(false);
				assertThat(map(measurement.get("agency")).get("code")).isEqualTo("VN");
			});
		}
	}

	@Test
	void shouldJudgeAPassedDeadlineByTheFigureAtTheDeadline() {
		Map<String, Map<String, Object>> targets = targets(LATE_2026, false);
		// Top 70 in the UN EGDI by 2025: 71st in 2024, the last survey by then.
		Map<String, Object> egdi = map(targets.get("QD749-06").get("national"));
		assertThat(egdi.get("projectedValue")).isEqualTo(71.0);
		assertThat(egdi.get("firstMetOn")).isNull();
		// 10-15 places by 2020: 2 by then; 17 places since 2018 by 2024, met late.
		Map<String, Object> places = map(targets.get("NQ17-01").get("national"));
		assertThat(places.get("latestValue")).isEqualTo(17.0);
		assertThat(places.get("projectedValue")).isEqualTo(2.0);
		assertThat(places.get("firstMetOn")).isEqualTo("2024-12-31");
		assertThat(targets.get("NQ17-01").get("valueMax")).isEqualTo(15.0);
		assertThat(targets.get("NQ17-01").get("baselineOn")).isEqualTo("2018-12-31");
		// GCI-cyber: within the top 40 since 2020 (25th).
		assertThat(map(targets.get("QD749-16").get("national")).get("firstMetOn")).isEqualTo("2020-12-31");
		// 20% of dossiers online by 2020: the first figure (30%, 2021) came after the
		// deadline.
		Map<String, Object> dossiers = map(targets.get("NQ17-04").get("national"));
		assertThat(dossiers.get("projectedValue")).isNull();
		assertThat(dossiers.get("firstMetOn")).isEqualTo("2021-12-31");
		assertThat(dossiers.get("latestValue")).isEqualTo(75.7);
	}

	@Test
	void shouldJudgeHoaBinhsTargetOfEndOf2017ByIts2017Value() {
		// HB2017-01, 80% of documents submitted electronically by 2017-12-31. Its values
		// are generated samples; they reached 80% only after 2017.
		Map<LocalDate, Double> values = new HashMap<>();
		this.db.sql("""
				SELECT period, value FROM measurement
				 WHERE indicator_code = 'E_DOC_SUBMISSION' AND agency_code = 'P17' AND NOT replaced""")
			.map((row) -> Map.entry(row.get("period", LocalDate.class),
					row.get("value", java.math.BigDecimal.class).doubleValue()))
			.all()
			.doOnNext((e) -> values.put(e.getKey(), e.getValue()))
			.blockLast();
		double at2017 = values.get(LocalDate.parse("2017-12-31"));
		assertThat(at2017).isLessThan(80).isGreaterThanOrEqualTo(72);
		assertThat(values.get(LocalDate.parse("2020-12-31"))).isGreaterThanOrEqualTo(80);
		for (String asOf : List.of("2017-12-31", LATE_2026)) {
			Map<String, Object> hoaBinh = map(list(targets(asOf, false).get("HB2017-01").get("progress")).get(0));
			assertThat(hoaBinh.get("status")).as(asOf).isEqualTo("MISSED");
			assertThat(hoaBinh.get("projectedValue")).as(asOf).isEqualTo(at2017);
			assertThat(hoaBinh.get("sample")).isEqualTo(true);
		}
	}

	@Test
	void shouldCountMissedAndNoDataInTheSummary() {
		Map<String, Map<String, Object>> targets = targets(LATE_2026, false);
		assertThat(map(targets.get("QD749-06").get("summary"))).isEqualTo(Map.of("agencies", 1, "achieved", 0,
				"onTrack", 0, "atRisk", 0, "offTrack", 0, "missed", 1, "noData", 0, "sample", false));
		// 76/NQ-CP's first target has no national figure: the country is listed, NO_DATA.
		assertThat(map(targets.get("NQ76-01").get("summary"))).isEqualTo(Map.of("agencies", 1, "achieved", 0, "onTrack",
				0, "atRisk", 0, "offTrack", 0, "missed", 0, "noData", 1, "sample", false));
		assertThat(map(targets.get("NQ76-01").get("national")).get("status")).isEqualTo("NO_DATA");
		// An agency's own target has no national progress.
		assertThat(targets.get("HB2017-01").get("national")).isNull();
	}

	@Test
	void shouldLeaveEverySampleValueOutWhenAskedForPublishedFiguresOnly() {
		// 80% of documents exchanged electronically by 2020 (1819/QĐ-TTg): the country's
		// 90.81% is published, the ministries' and provinces' values are samples.
		Map<String, Object> all = targets(LATE_2026, false).get("QD1819-02");
		Map<String, Object> published = targets(LATE_2026, true).get("QD1819-02");
		assertThat(list(all.get("progress"))).hasSizeGreaterThan(60);
		assertThat(map(all.get("summary")).get("sample")).isEqualTo(true);
		assertThat(list(all.get("progress"))).anySatisfy((p) -> assertThat(map(p).get("sample")).isEqualTo(true));
		// Published: the country's figure, and the values other tests recorded as
		// published
		// ones (not samples) for agencies of their own; never a generated value.
		List<String> publishedAgencies = this.db.sql("""
				SELECT DISTINCT m.agency_code FROM measurement m JOIN target t ON t.indicator_code = m.indicator_code
				 WHERE t.code = 'QD1819-02' AND NOT m.sample AND NOT m.replaced ORDER BY 1""")
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		assertThat(publishedAgencies).contains("VN");
		assertThat(list(published.get("progress"))).extracting((p) -> (String) map(map(p).get("agency")).get("code"))
			.containsExactlyInAnyOrderElementsOf(publishedAgencies);
		assertThat(list(published.get("progress")))
			.filteredOn((p) -> "VN".equals(map(map(p).get("agency")).get("code")))
			.singleElement()
			.satisfies((p) -> assertThat(map(p).get("status")).isEqualTo("ACHIEVED"));
		assertThat(map(published.get("summary"))).containsEntry("agencies", publishedAgencies.size())
			.containsEntry("sample", false);
		for (Map<String, Object> target : targets(LATE_2026, true).values()) {
			assertThat(map(target.get("summary")).get("sample")).as((String) target.get("code")).isEqualTo(false);
			for (Object progress : list(target.get("progress"))) {
				assertThat(map(progress).get("sample")).isEqualTo(false);
			}
		}
	}

	private Map<String, Map<String, Object>> targets(String asOf, boolean publishedOnly) {
		List<Map<String, Object>> targets = this.graphQl.documentName("progress/nationalFigures")
			.variable("asOf", asOf)
			.variable("publishedOnly", publishedOnly)
			.execute()
			.path("targets")
			.entityList(Map.class)
			.get()
			.stream()
			.map(NationalFiguresTests::map)
			.toList();
		Map<String, Map<String, Object>> byCode = new LinkedHashMap<>();
		targets.forEach((t) -> byCode.put((String) t.get("code"), t));
		return byCode;
	}

	/** Places gained since the 2018 survey: the sum of the gains measured after it. */
	private static double placesSince2018(List<CSVRecord> known) {
		return known.stream()
			.filter((r) -> LocalDate.parse(r.get("period")).isAfter(LocalDate.parse("2018-12-31")))
			.mapToDouble((r) -> Double.parseDouble(r.get("value")))
			.sum();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (List<Object>) value;
	}

	private static List<CSVRecord> read(String name) throws IOException {
		try (Reader reader = new InputStreamReader(new ClassPathResource("demo/" + name).getInputStream(),
				StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

}
