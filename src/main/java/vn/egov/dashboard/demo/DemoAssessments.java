package vn.egov.dashboard.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

import vn.egov.dashboard.assessment.AssessmentCategory;
import vn.egov.dashboard.assessment.Block;
import vn.egov.dashboard.assessment.CategoryKind;
import vn.egov.dashboard.assessment.Framework;
import vn.egov.dashboard.assessment.ScoreRow;
import vn.egov.dashboard.demo.ScoreGenerator.Known;

/**
 * Plans the assessment demo data from the files in {@code demo/}: every published figure
 * of {@code assessment_scores.csv} exactly, completed by {@link ScoreGenerator} into a
 * full ranking of every block of every round listed in {@code assessment/rounds.csv}.
 * Which agencies each block ranks is set by {@code assessment/blocks.csv} (partly
 * assumed: see its notes), and the round's categories by
 * {@code assessment/categories.csv}. Pure: the caller reads the files and writes the
 * result.
 * <p>
 * No generated score contradicts a published one:
 * <ul>
 * <li>a score the source only gives roughly ("cùng khoảng 0.589") lies in the range
 * {@code assessment/score_ranges.csv} gives;</li>
 * <li>a round that also ranks the merged provinces (DTI 2024) generates the post-merger
 * block first and derives the pre-merger one from it ({@link MergerScores}): an unchanged
 * province scores the same in both, a merged unit is the exact average of its
 * provinces;</li>
 * <li>a national index nothing was published for is the year's best provincial total
 * times the ratio of the published national index to the best province in the nearest
 * year where both are published (DTI 2023: 0.7326 / 0.8340), so it stays below the best
 * province, as the published ones do.</li>
 * </ul>
 */
public final class DemoAssessments {

	/** The {@code source} of a generated score. */
	static final String SAMPLE_SOURCE = "Dữ liệu mẫu do hệ thống sinh, không phải số liệu công bố (generated sample data, not a published figure)";

	/** The {@code note} of a generated score whose rank was published. */
	public static final String SAMPLE_SCORE_NOTE = "Điểm là dữ liệu mẫu; hạng theo nguồn công bố (score generated to fit the published rank)";

	private DemoAssessments() {
	}

	/**
	 * An agency as far as membership of a block needs it; {@code successorCode} names the
	 * unit it was merged into, if any.
	 */
	public record Member(String code, String kind, @Nullable LocalDate validFrom, @Nullable LocalDate validTo,
			@Nullable String successorCode) {

		boolean validOn(LocalDate day) {
			return (this.validFrom == null || !day.isBefore(this.validFrom))
					&& (this.validTo == null || !day.isAfter(this.validTo));
		}

	}

	/** A round to write, with its categories and every score. */
	public record PlannedRound(Framework framework, int year, @Nullable LocalDate publishedOn,
			@Nullable String methodologyDocument, @Nullable String note, List<AssessmentCategory> categories,
			List<ScoreRow> rows) {

		public long published() {
			return this.rows.stream().filter((r) -> !r.sample()).count();
		}

	}

	/**
	 * A published line, keyed for lookup, with the range of ranks a note gives where no
	 * rank is published.
	 */
	private record Published(Block block, String agency, String category, @Nullable BigDecimal score,
			@Nullable Integer rank, String source, @Nullable String note, int lowestRank, int highestRank,
			@Nullable BigDecimal lowestScore, @Nullable BigDecimal highestScore) {

		Known known() {
			return new Known(this.score, this.rank, this.lowestRank, this.highestRank, this.lowestScore,
					this.highestScore);
		}

	}

	/** The demo files, as read by the caller. */
	public record Files(List<CSVRecord> published, List<CSVRecord> rounds, List<CSVRecord> categories,
			List<CSVRecord> blocks, List<CSVRecord> rankRanges, List<CSVRecord> scoreRanges) {

	}

	/**
	 * The published figures and the files that say how to complete them, from the demo
	 * data set.
	 */
	public static Files files() {
		return new Files(DemoDataLoader.read("assessment_scores.csv"), DemoDataLoader.read("assessment/rounds.csv"),
				DemoDataLoader.read("assessment/categories.csv"), DemoDataLoader.read("assessment/blocks.csv"),
				DemoDataLoader.read("assessment/rank_ranges.csv"), DemoDataLoader.read("assessment/score_ranges.csv"));
	}

	public static List<PlannedRound> plan(Files files, List<Member> agencies) {
		List<CSVRecord> published = files.published();
		List<CSVRecord> blocks = files.blocks();
		Map<String, Member> byCode = new HashMap<>();
		agencies.forEach((a) -> byCode.put(a.code(), a));
		Map<String, Double> prior = prior(published, agencies);
		List<PlannedRound> planned = new ArrayList<>();
		int used = 0;
		for (CSVRecord round : files.rounds()) {
			Framework framework = Framework.valueOf(round.get("framework"));
			int year = Integer.parseInt(round.get("year"));
			List<AssessmentCategory> roundCategories = categories(files.categories(), round.get("categories"));
			List<Published> facts = published(published, files.rankRanges(), files.scoreRanges(), framework, year,
					roundCategories);
			used += facts.size();
			List<ScoreRow> rows = new ArrayList<>();
			Set<String> covered = new HashSet<>();
			// The post-merger block before the pre-merger one, which is derived from it;
			// the
			// national index after the provinces.
			List<CSVRecord> roundBlocks = blocks.stream()
				.filter((block) -> block.get("framework").equals(framework.name())
						&& year >= Integer.parseInt(block.get("from_year"))
						&& year <= Integer.parseInt(block.get("to_year")))
				.sorted(Comparator.comparingInt((CSVRecord block) -> order(Block.valueOf(block.get("block")))))
				.toList();
			Map<String, Map<String, BigDecimal>> postMerger = new HashMap<>();
			Map<String, BigDecimal> provinceTotals = null;
			CSVRecord preMerger = roundBlocks.stream()
				.filter((block) -> block.get("block").equals(Block.PROVINCES.name()))
				.findFirst()
				.orElse(null);
			for (CSVRecord block : roundBlocks) {
				Block name = Block.valueOf(block.get("block"));
				List<String> members = members(block.get("members"), year, byCode, framework + " " + year + " " + name);
				List<AssessmentCategory> generated = block.get("categories").equals("ALL") ? roundCategories
						: roundCategories.stream().filter((c) -> c.kind() == CategoryKind.TOTAL).toList();
				Map<String, Integer> totalRanks = null;
				// For the post-merger block: a draft of the pre-merger table, whose
				// averages are the units' scores wherever the published ones allow, so
				// that deriving the pre-merger table from them moves its scores little.
				List<String> before = (name == Block.PROVINCES_POST_MERGER && preMerger != null)
						? members(preMerger.get("members"), year, byCode, framework + " " + year + " PROVINCES") : null;
				Map<String, Integer> draftRanks = null;
				for (AssessmentCategory category : generated) {
					covered.add(name + "/" + category.code());
					String table = framework + "/" + year + "/" + name + "/" + category.code();
					Map<String, Published> facts1 = new LinkedHashMap<>();
					Map<String, Known> known = known(facts, name, category.code(), facts1);
					Map<String, Double> strength = strength(members, totalRanks, prior, framework, year, table);
					Map<String, Double> expected = null;
					if (before != null) {
						String draftTable = framework + "/" + year + "/" + Block.PROVINCES + "/" + category.code();
						Map<String, List<String>> units = predecessors(before, members, byCode, table);
						Map<String, Double> beforeStrength = strength(before, draftRanks, prior, framework, year,
								draftTable);
						placeAsRankedAfter(beforeStrength, known, units);
						Map<String, BigDecimal> draft = ScoreGenerator.fill(before,
								known(facts, Block.PROVINCES, category.code(), new HashMap<>()), beforeStrength,
								category.maxScore(), null, draftTable + "/before-merger");
						if (category.kind() == CategoryKind.TOTAL) {
							draftRanks = ranks(draft);
						}
						for (String member : members) {
							strength.put(member,
									units.get(member)
										.stream()
										.mapToDouble((p) -> draft.get(p).doubleValue())
										.average()
										.orElseThrow());
						}
						expected = strength;
					}
					Map<String, BigDecimal> scores;
					if (name == Block.PROVINCES && postMerger.containsKey(category.code())) {
						scores = MergerScores.derive(members, known, strength, postMerger.get(category.code()),
								predecessors(members, postMerger.get(category.code()).keySet(), byCode, table),
								category.maxScore(), table);
					}
					else {
						Double level = (name == Block.NATIONAL)
								? nationalLevel(published, framework, year, provinceTotals) : null;
						scores = (expected != null)
								? ScoreGenerator.fill(members, known, expected, category.maxScore(), table)
								: ScoreGenerator.fill(members, known, strength, category.maxScore(), level, table);
					}
					if (name == Block.PROVINCES_POST_MERGER) {
						postMerger.put(category.code(), scores);
					}
					if (name == Block.PROVINCES && category.kind() == CategoryKind.TOTAL) {
						provinceTotals = scores;
					}
					if (category.kind() == CategoryKind.TOTAL) {
						totalRanks = ranks(scores);
					}
					for (String member : members) {
						rows.add(row(name, member, category.code(), scores.get(member), facts1.get(member)));
					}
				}
			}
			for (Published fact : facts) {
				if (!covered.contains(fact.block() + "/" + fact.category())) {
					throw new IllegalStateException("Published " + framework + " " + year + " " + fact.block() + " "
							+ fact.category() + " is not generated by assessment/blocks.csv");
				}
			}
			planned.add(new PlannedRound(framework, year, date(round.get("published_on")),
					text(round.get("methodology_document")), text(round.get("note")), roundCategories, rows));
		}
		if (used != published.size()) {
			throw new IllegalStateException("Only " + used + " of " + published.size()
					+ " published assessment lines belong to a round of assessment/rounds.csv");
		}
		return planned;
	}

	/**
	 * What is published in one table, by agency; the published lines go to {@code lines}.
	 */
	private static Map<String, Known> known(List<Published> facts, Block block, String category,
			Map<String, Published> lines) {
		Map<String, Known> known = new LinkedHashMap<>();
		for (Published fact : facts) {
			if (fact.block() == block && fact.category().equals(category)) {
				lines.put(fact.agency(), fact);
				known.put(fact.agency(), fact.known());
			}
		}
		return known;
	}

	/**
	 * How strong each member is in one table: for the total its prior with some noise,
	 * for another category mostly its place in the total.
	 */
	private static Map<String, Double> strength(List<String> members, @Nullable Map<String, Integer> totalRanks,
			Map<String, Double> prior, Framework framework, int year, String table) {
		Map<String, Double> strength = new HashMap<>();
		for (String member : members) {
			double base = prior.getOrDefault(member, ScoreGenerator.uniform(member + "/" + framework));
			if (totalRanks == null) {
				strength.put(member, base + 0.06 * ScoreGenerator.gaussian(member + "/" + framework + "/" + year));
			}
			else {
				double percentile = 1 - (totalRanks.get(member) - 1) / (double) Math.max(1, members.size() - 1);
				strength.put(member, 0.65 * percentile + 0.35 * ScoreGenerator.uniform(table + "/" + member));
			}
		}
		return strength;
	}

	/**
	 * Moves each unchanged province whose rank after the merger is published (Thanh Hóa
	 * 5th of 34) to the same share of the table before it (about 9th of 63), so that the
	 * draft before the merger agrees with the ranking after it.
	 */
	private static void placeAsRankedAfter(Map<String, Double> strength, Map<String, Known> after,
			Map<String, List<String>> units) {
		int n = units.size();
		after.entrySet()
			.stream()
			.filter((e) -> e.getValue().rank() != null && units.get(e.getKey()).size() == 1)
			.sorted(Comparator.comparingInt((Map.Entry<String, Known> e) -> e.getValue().rank()))
			.forEach((e) -> {
				String province = units.get(e.getKey()).get(0);
				List<Double> order = strength.values().stream().sorted(Comparator.reverseOrder()).toList();
				int position = (int) Math.round((double) e.getValue().rank() * strength.size() / n);
				strength.put(province, order.get(Math.max(0, Math.min(order.size() - 1, position - 1))) + 1e-9);
			});
	}

	private static Map<String, Integer> ranks(Map<String, BigDecimal> scores) {
		Map<String, Integer> ranks = new HashMap<>();
		scores.forEach((agency, score) -> ranks.put(agency, ScoreGenerator.rank(scores, score)));
		return ranks;
	}

	private static ScoreRow row(Block block, String agency, String category, BigDecimal score,
			@Nullable Published fact) {
		if (fact == null) {
			return new ScoreRow(0, block, agency, category, score, true, null, SAMPLE_SOURCE, null);
		}
		if (fact.score() != null) {
			return new ScoreRow(0, block, agency, category, fact.score(), false, fact.rank(), fact.source(),
					fact.note());
		}
		String note = (fact.note() != null) ? SAMPLE_SCORE_NOTE + "; " + fact.note() : SAMPLE_SCORE_NOTE;
		return new ScoreRow(0, block, agency, category, score, true, fact.rank(), fact.source(), note);
	}

	private static List<AssessmentCategory> categories(List<CSVRecord> categories, String set) {
		List<AssessmentCategory> found = new ArrayList<>();
		for (CSVRecord c : categories) {
			if (c.get("set").equals(set)) {
				found.add(new AssessmentCategory(0, c.get("code"), c.get("name"), text(c.get("name_en")),
						CategoryKind.valueOf(c.get("kind")), new BigDecimal(c.get("max_score")), found.size() + 1));
			}
		}
		if (found.isEmpty()) {
			throw new IllegalStateException("No categories in assessment/categories.csv for set " + set);
		}
		return found;
	}

	private static List<Published> published(List<CSVRecord> published, List<CSVRecord> rankRanges,
			List<CSVRecord> scoreRanges, Framework framework, int year, List<AssessmentCategory> categories) {
		List<Published> found = new ArrayList<>();
		for (CSVRecord r : published) {
			if (!r.get("framework").equals(framework.name()) || Integer.parseInt(r.get("year")) != year) {
				continue;
			}
			String category = AssessmentCategory.TOTAL;
			if (!r.get("category").isEmpty()) {
				category = categories.stream()
					.filter((c) -> c.isNamed(r.get("category")))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("Unknown category '" + r.get("category") + "' of "
							+ framework + " " + year + " in assessment_scores.csv"))
					.code();
			}
			BigDecimal score = r.get("score").isEmpty() ? null : new BigDecimal(r.get("score"));
			Integer rank = r.get("rank").isEmpty() ? null : Integer.valueOf(r.get("rank"));
			int lowest = 1;
			int highest = Integer.MAX_VALUE;
			for (CSVRecord range : rankRanges) {
				if (sameLine(range, r)) {
					lowest = Integer.parseInt(range.get("lowest_rank"));
					highest = Integer.parseInt(range.get("highest_rank"));
				}
			}
			BigDecimal lowestScore = null;
			BigDecimal highestScore = null;
			for (CSVRecord range : scoreRanges) {
				if (sameLine(range, r)) {
					if (score != null) {
						throw new IllegalStateException(
								"assessment/score_ranges.csv gives a range for the published score " + score + " of "
										+ r.get("agency_id") + " " + framework + " " + year);
					}
					lowestScore = new BigDecimal(range.get("lowest_score"));
					highestScore = new BigDecimal(range.get("highest_score"));
				}
			}
			found.add(new Published(Block.valueOf(r.get("block")), r.get("agency_id"), category, score, rank,
					r.get("source"), text(r.get("note")), lowest, highest, lowestScore, highestScore));
		}
		return found;
	}

	/** Whether a line of a ranges file is about the published line {@code r}. */
	private static boolean sameLine(CSVRecord range, CSVRecord r) {
		return range.get("framework").equals(r.get("framework")) && range.get("year").equals(r.get("year"))
				&& range.get("block").equals(r.get("block")) && range.get("category").equals(r.get("category"))
				&& range.get("agency_id").equals(r.get("agency_id"));
	}

	/** Blocks in the order a round generates them. */
	private static int order(Block block) {
		return switch (block) {
			case PROVINCES_POST_MERGER -> 0;
			case NATIONAL -> 2;
			default -> 1;
		};
	}

	/**
	 * Each post-merger unit's pre-merger provinces: those merged into it, or itself if it
	 * was not merged.
	 */
	private static Map<String, List<String>> predecessors(List<String> members, Collection<String> units,
			Map<String, Member> agencies, String where) {
		Map<String, List<String>> predecessors = new LinkedHashMap<>();
		units.forEach((unit) -> predecessors.put(unit, new ArrayList<>()));
		for (String province : members) {
			String unit = province;
			for (int depth = 0; !units.contains(unit) && depth < 5; depth++) {
				Member member = agencies.get(unit);
				unit = (member != null && member.successorCode() != null) ? member.successorCode() : unit;
			}
			if (!units.contains(unit)) {
				throw new IllegalStateException(
						where + ": " + province + " was merged into none of the " + units.size() + " units");
			}
			predecessors.get(unit).add(province);
		}
		return predecessors;
	}

	/**
	 * A national index for a year nothing was published for: the year's best provincial
	 * total times the ratio of the published national index to the published best
	 * province in the nearest year where both are (the national index sits just below the
	 * best provinces); null where no such year or no provincial table exists.
	 */
	private static @Nullable Double nationalLevel(List<CSVRecord> published, Framework framework, int year,
			@Nullable Map<String, BigDecimal> provinceTotals) {
		if (provinceTotals == null || provinceTotals.isEmpty()) {
			return null;
		}
		Integer nearest = null;
		double ratio = 0;
		for (CSVRecord r : published) {
			if (!r.get("framework").equals(framework.name()) || !r.get("block").equals(Block.NATIONAL.name())
					|| !r.get("category").isEmpty() || r.get("score").isEmpty()) {
				continue;
			}
			int y = Integer.parseInt(r.get("year"));
			Double best = published.stream()
				.filter((p) -> p.get("framework").equals(framework.name()) && p.get("year").equals(r.get("year"))
						&& p.get("block").equals(Block.PROVINCES.name()) && p.get("category").isEmpty()
						&& p.get("rank").equals("1") && !p.get("score").isEmpty())
				.map((p) -> Double.parseDouble(p.get("score")))
				.findFirst()
				.orElse(null);
			if (best != null && (nearest == null || Math.abs(y - year) < Math.abs(nearest - year))) {
				nearest = y;
				ratio = Double.parseDouble(r.get("score")) / best;
			}
		}
		if (nearest == null) {
			return null;
		}
		double top = provinceTotals.values().stream().mapToDouble(BigDecimal::doubleValue).max().orElseThrow();
		return top * ratio;
	}

	/**
	 * The codes a {@code members} cell names: explicit codes, or every province of the
	 * year or after the merger.
	 */
	private static List<String> members(String cell, int year, Map<String, Member> agencies, String where) {
		LocalDate day = switch (cell) {
			case "PROVINCES_OF_YEAR" -> LocalDate.of(year, 12, 31);
			case "PROVINCES_AFTER_MERGER" -> LocalDate.of(2025, 7, 1);
			default -> null;
		};
		if (day != null) {
			return agencies.values()
				.stream()
				.filter((a) -> a.kind().equals("PROVINCE") && a.validOn(day))
				.map(Member::code)
				.sorted()
				.toList();
		}
		List<String> codes = Arrays.asList(cell.trim().split("\\s+"));
		for (String code : codes) {
			if (!agencies.containsKey(code)) {
				throw new IllegalStateException(
						where + ": agency " + code + " of assessment/blocks.csv does not exist");
			}
		}
		return codes.stream().sorted().toList();
	}

	/**
	 * How strong each agency tends to be, in [0, 1]: mostly its average published
	 * percentile (where any total rank was published), partly a seeded draw, so generated
	 * orders resemble the published ones. A unit created in 2025 takes the prior of the
	 * old unit with the same official code.
	 */
	private static Map<String, Double> prior(List<CSVRecord> published, List<Member> agencies) {
		Map<String, double[]> sums = new HashMap<>();
		for (CSVRecord r : published) {
			if (!r.get("category").isEmpty() || r.get("rank").isEmpty()) {
				continue;
			}
			int size = r.get("block").startsWith("PROVINCES") ? (r.get("block").equals("PROVINCES") ? 63 : 34) : 20;
			double percentile = 1 - (Integer.parseInt(r.get("rank")) - 1) / (double) (size - 1);
			double[] sum = sums.computeIfAbsent(r.get("agency_id"), (k) -> new double[2]);
			sum[0] += Math.max(0, percentile);
			sum[1]++;
		}
		Map<String, Double> prior = new HashMap<>();
		for (Member agency : agencies) {
			String code = agency.code();
			double[] sum = sums.get(code);
			if (sum == null && code.endsWith("-2025")) {
				sum = sums.get(code.substring(0, code.length() - "-2025".length()));
			}
			double draw = ScoreGenerator.uniform(code + "/prior");
			prior.put(code, (sum != null) ? 0.8 * (sum[0] / sum[1]) + 0.2 * draw : draw);
		}
		return prior;
	}

	private static @Nullable String text(String value) {
		return value.isEmpty() ? null : value;
	}

	private static @Nullable LocalDate date(String value) {
		return value.isEmpty() ? null : LocalDate.parse(value);
	}

}
