package vn.egov.dashboard.demo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import vn.egov.dashboard.assessment.Block;
import vn.egov.dashboard.assessment.Framework;
import vn.egov.dashboard.assessment.ScoreRow;
import vn.egov.dashboard.demo.DemoAssessments.Member;
import vn.egov.dashboard.demo.DemoAssessments.PlannedRound;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo plan, without a database: every published figure is carried, every block is
 * complete, and the generated scores give the published ranks back.
 */
class DemoAssessmentsTests {

	private static List<CSVRecord> published;

	private static List<PlannedRound> plans;

	@BeforeAll
	static void plan() throws IOException {
		published = read("assessment_scores.csv");
		plans = DemoAssessments.plan(DemoAssessments.files(), members());
	}

	@Test
	void shouldPlanEveryRoundFrom2016To2024() {
		assertThat(plans).extracting((p) -> p.framework() + " " + p.year())
			.containsExactly("ICT_APPLICATION 2016", "ICT_APPLICATION 2017", "ICT_APPLICATION 2018",
					"ICT_APPLICATION 2019", "VIETNAM_ICT_INDEX 2016", "VIETNAM_ICT_INDEX 2017",
					"VIETNAM_ICT_INDEX 2018", "VIETNAM_ICT_INDEX 2019", "VIETNAM_ICT_INDEX 2020",
					"VIETNAM_ICT_INDEX 2023", "DTI 2020", "DTI 2021", "DTI 2022", "DTI 2023", "DTI 2024");
	}

	@Test
	void shouldKeepEveryPublishedScoreAndRankExactly() {
		int scores = 0;
		int ranks = 0;
		for (CSVRecord r : published) {
			PlannedRound plan = plans.stream()
				.filter((p) -> p.framework().name().equals(r.get("framework"))
						&& p.year() == Integer.parseInt(r.get("year")))
				.findFirst()
				.orElseThrow();
			String category = r.get("category").isEmpty() ? "TOTAL"
					: plan.categories()
						.stream()
						.filter((c) -> c.isNamed(r.get("category")))
						.findFirst()
						.orElseThrow()
						.code();
			List<ScoreRow> table = plan.rows()
				.stream()
				.filter((row) -> row.block().name().equals(r.get("block")) && row.categoryCode().equals(category))
				.toList();
			ScoreRow row = table.stream()
				.filter((x) -> x.agencyCode().equals(r.get("agency_id")))
				.findFirst()
				.orElseThrow();
			if (!r.get("score").isEmpty()) {
				assertThat(row.score()).isEqualByComparingTo(r.get("score"));
				assertThat(row.sample()).isFalse();
				scores++;
			}
			else {
				assertThat(row.sample()).isTrue();
			}
			if (!r.get("rank").isEmpty()) {
				int rank = 1 + (int) table.stream().filter((x) -> x.score().compareTo(row.score()) > 0).count();
				assertThat(rank).as(r.toString()).isEqualTo(Integer.parseInt(r.get("rank")));
				assertThat(row.publishedRank()).isEqualTo(Integer.parseInt(r.get("rank")));
				ranks++;
			}
		}
		assertThat(scores).isEqualTo(published.stream().filter((r) -> !r.get("score").isEmpty()).count());
		assertThat(ranks).isEqualTo(published.stream().filter((r) -> !r.get("rank").isEmpty()).count());
	}

	@Test
	void shouldRankAll63ProvincesAndThe34MergedOnes() {
		PlannedRound dti2024 = plans.stream()
			.filter((p) -> p.framework() == Framework.DTI && p.year() == 2024)
			.findFirst()
			.orElseThrow();
		Map<Block, Long> totals = dti2024.rows()
			.stream()
			.filter((r) -> r.categoryCode().equals("TOTAL"))
			.collect(Collectors.groupingBy(ScoreRow::block, Collectors.counting()));
		assertThat(totals).containsEntry(Block.PROVINCES, 63L)
			.containsEntry(Block.PROVINCES_POST_MERGER, 34L)
			.containsEntry(Block.MINISTRIES_WITH_PUBLIC_SERVICES, 17L)
			.containsEntry(Block.NATIONAL, 1L);
	}

	@Test
	void shouldLabelOnlyGeneratedScoresAsSample() {
		for (PlannedRound plan : plans) {
			for (ScoreRow row : plan.rows()) {
				assertThat(row.sample()).isEqualTo(row.source().equals(DemoAssessments.SAMPLE_SOURCE)
						|| (row.note() != null && row.note().startsWith(DemoAssessments.SAMPLE_SCORE_NOTE)));
				assertThat(row.score()).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
			}
		}
	}

	@Test
	void shouldPutTheThreeProvincesPublishedAsLastInTheLastThreePlaces() {
		List<ScoreRow> table = table("VIETNAM_ICT_INDEX", 2016, Block.PROVINCES, "TOTAL");
		assertThat(List.of("P11", "P20", "P95")).allSatisfy((code) -> {
			ScoreRow row = table.stream().filter((r) -> r.agencyCode().equals(code)).findFirst().orElseThrow();
			assertThat(1 + table.stream().filter((r) -> r.score().compareTo(row.score()) > 0).count())
				.isGreaterThan(60);
		});
	}

	@Test
	void shouldGenerateANationalIndexRisingTowardsThePublishedOnes() {
		List<BigDecimal> national = plans.stream()
			.filter((p) -> p.framework() == Framework.DTI)
			.map((p) -> table("DTI", p.year(), Block.NATIONAL, "TOTAL").get(0).score())
			.toList();
		assertThat(national).hasSize(5).isSorted();
		assertThat(national.get(3)).isEqualByComparingTo("0.7326");
		assertThat(national.get(4)).isEqualByComparingTo("0.7955");
	}

	@Test
	void shouldDeriveEveryPostMergerScoreFromThePreMergerOnesOfTheSameRound() throws IOException {
		// PROVINCES_POST_MERGER is DTI recomputed for the 34 units as the average of
		// their
		// predecessors' indices: an unchanged province is the same unit in both blocks.
		Map<String, List<String>> predecessors = predecessors();
		int checked = 0;
		for (PlannedRound plan : plans) {
			Map<String, BigDecimal> before = new java.util.HashMap<>();
			plan.rows()
				.stream()
				.filter((r) -> r.block() == Block.PROVINCES)
				.forEach((r) -> before.put(r.categoryCode() + "/" + r.agencyCode(), r.score()));
			for (ScoreRow after : plan.rows()) {
				if (after.block() != Block.PROVINCES_POST_MERGER) {
					continue;
				}
				List<String> units = predecessors.get(after.agencyCode());
				assertThat(units).as(after.agencyCode()).isNotEmpty();
				BigDecimal sum = BigDecimal.ZERO;
				for (String unit : units) {
					BigDecimal score = before.get(after.categoryCode() + "/" + unit);
					assertThat(score).as(plan.year() + " " + after.categoryCode() + " " + unit).isNotNull();
					sum = sum.add(score);
				}
				BigDecimal mean = sum.divide(BigDecimal.valueOf(units.size()), 4, java.math.RoundingMode.HALF_UP);
				assertThat(mean)
					.as(plan.year() + " " + after.categoryCode() + " " + after.agencyCode() + " from " + units)
					.isEqualByComparingTo(after.score());
				checked++;
			}
		}
		assertThat(checked).isEqualTo(34 * 12);
		// Hà Nội, unchanged: published 0.8241 after the merger, so 0.8241 before it.
		assertThat(table("DTI", 2024, Block.PROVINCES, "TOTAL")).filteredOn((r) -> r.agencyCode().equals("P01"))
			.singleElement()
			.satisfies((r) -> assertThat(r.score()).isEqualByComparingTo("0.8241"));
	}

	@Test
	void shouldKeepTheNationalIndexWithinTheProvincesOfItsYear() {
		for (PlannedRound plan : plans) {
			List<ScoreRow> national = table(plan.framework().name(), plan.year(), Block.NATIONAL, "TOTAL");
			if (national.isEmpty()) {
				continue;
			}
			List<BigDecimal> provinces = table(plan.framework().name(), plan.year(), Block.PROVINCES, "TOTAL").stream()
				.map(ScoreRow::score)
				.sorted()
				.toList();
			// Published: 0.7326 (2023) below Đà Nẵng's 0.8340; 0.7955 (2024) below Hà
			// Nội's
			// 0.8241.
			assertThat(national.get(0).score()).as(plan.framework() + " " + plan.year())
				.isLessThan(provinces.get(provinces.size() - 1))
				.isGreaterThan(provinces.get(provinces.size() / 2));
		}
	}

	@Test
	void shouldKeepEveryScoreWithinTheRangeItsSourceGives() throws IOException {
		List<CSVRecord> ranges = read("assessment/score_ranges.csv");
		assertThat(ranges).isNotEmpty();
		for (CSVRecord range : ranges) {
			PlannedRound plan = plans.stream()
				.filter((p) -> p.framework().name().equals(range.get("framework"))
						&& p.year() == Integer.parseInt(range.get("year")))
				.findFirst()
				.orElseThrow();
			String category = range.get("category").isEmpty() ? "TOTAL"
					: plan.categories()
						.stream()
						.filter((c) -> c.isNamed(range.get("category")))
						.findFirst()
						.orElseThrow()
						.code();
			ScoreRow row = table(range.get("framework"), plan.year(), Block.valueOf(range.get("block")), category)
				.stream()
				.filter((r) -> r.agencyCode().equals(range.get("agency_id")))
				.findFirst()
				.orElseThrow();
			assertThat(row.score()).as(range.toString())
				.isBetween(new BigDecimal(range.get("lowest_score")), new BigDecimal(range.get("highest_score")));
		}
		// "TP.HCM và Hà Nội 'lần lượt' xếp sau Đà Nẵng, cùng khoảng 0.589 điểm"
		// (Vietnam ICT Index 2016, Hạ tầng kỹ thuật).
		List<ScoreRow> infrastructure = table("VIETNAM_ICT_INDEX", 2016, Block.PROVINCES, "HA_TANG_KY_THUAT");
		assertThat(infrastructure.stream().filter((r) -> List.of("P79", "P01").contains(r.agencyCode()))).allSatisfy(
				(r) -> assertThat(r.score().setScale(3, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("0.589"));
	}

	/**
	 * The pre-merger provinces each unit of 2025 is made of: the unit itself if it was
	 * not merged (Hà Nội), else the units whose successor it is (Huế: Thừa Thiên Huế).
	 */
	private static Map<String, List<String>> predecessors() throws IOException {
		Map<String, List<String>> result = new java.util.HashMap<>();
		for (CSVRecord r : read("provinces.csv")) {
			boolean current = r.get("valid_to").isEmpty();
			if (current) {
				result.computeIfAbsent(r.get("id"), (k) -> new ArrayList<>());
				if (r.get("valid_from").isEmpty()) {
					result.get(r.get("id")).add(r.get("id"));
				}
			}
		}
		for (CSVRecord r : read("provinces.csv")) {
			if (!r.get("successor_id").isEmpty()) {
				result.computeIfAbsent(r.get("successor_id"), (k) -> new ArrayList<>()).add(r.get("id"));
			}
		}
		return result;
	}

	private static List<ScoreRow> table(String framework, int year, Block block, String category) {
		return plans.stream()
			.filter((p) -> p.framework().name().equals(framework) && p.year() == year)
			.flatMap((p) -> p.rows().stream())
			.filter((r) -> r.block() == block && r.categoryCode().equals(category))
			.toList();
	}

	@Test
	void shouldGenerateTheSameScoresEveryTime() throws IOException {
		List<PlannedRound> again = DemoAssessments.plan(DemoAssessments.files(), members());
		assertThat(again).isEqualTo(plans);
	}

	private static List<Member> members() throws IOException {
		List<Member> agencies = new ArrayList<>();
		agencies.add(new Member("VN", "NATION", null, null, null));
		for (CSVRecord r : read("provinces.csv")) {
			agencies.add(new Member(r.get("id"), "PROVINCE", date(r.get("valid_from")), date(r.get("valid_to")),
					text(r.get("successor_id"))));
		}
		for (CSVRecord r : read("central_agencies.csv")) {
			agencies.add(new Member(r.get("id"), r.get("kind"), date(r.get("valid_from")), date(r.get("valid_to")),
					text(r.get("successor_id"))));
		}
		return agencies;
	}

	static List<CSVRecord> read(String name) throws IOException {
		try (Reader reader = new InputStreamReader(new ClassPathResource("demo/" + name).getInputStream(),
				StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

	private static String text(String value) {
		return value.isEmpty() ? null : value;
	}

	private static LocalDate date(String value) {
		return value.isEmpty() ? null : LocalDate.parse(value);
	}

}
