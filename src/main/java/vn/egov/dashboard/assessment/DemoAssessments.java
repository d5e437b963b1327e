package vn.egov.dashboard.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

import vn.egov.dashboard.assessment.ScoreGenerator.Known;

/**
 * Plans the assessment demo data from the files in {@code demo/}: every published figure
 * of {@code assessment_scores.csv} exactly, completed by {@link ScoreGenerator} into a
 * full ranking of every block of every round listed in {@code assessment/rounds.csv}.
 * Which agencies each block ranks is set by {@code assessment/blocks.csv} (partly
 * assumed: see its notes), and the round's categories by
 * {@code assessment/categories.csv}. Pure: the caller reads the files and writes the
 * result.
 */
final class DemoAssessments {

	/** The {@code source} of a generated score. */
	static final String SAMPLE_SOURCE = "Dữ liệu mẫu do hệ thống sinh, không phải số liệu công bố (generated sample data, not a published figure)";

	/** The {@code note} of a generated score whose rank was published. */
	static final String SAMPLE_SCORE_NOTE = "Điểm là dữ liệu mẫu; hạng theo nguồn công bố (score generated to fit the published rank)";

	private DemoAssessments() {
	}

	/** An agency as far as membership of a block needs it. */
	record Member(String code, String kind, @Nullable LocalDate validFrom, @Nullable LocalDate validTo) {

		boolean validOn(LocalDate day) {
			return (this.validFrom == null || !day.isBefore(this.validFrom))
					&& (this.validTo == null || !day.isAfter(this.validTo));
		}

	}

	/** A round to write, with its categories and every score. */
	record PlannedRound(Framework framework, int year, @Nullable LocalDate publishedOn,
			@Nullable String methodologyDocument, @Nullable String note, List<AssessmentCategory> categories,
			List<ScoreRow> rows) {

		long published() {
			return this.rows.stream().filter((r) -> !r.sample()).count();
		}

	}

	/**
	 * A published line, keyed for lookup, with the range of ranks a note gives where no
	 * rank is published.
	 */
	private record Published(Block block, String agency, String category, @Nullable BigDecimal score,
			@Nullable Integer rank, String source, @Nullable String note, int lowestRank, int highestRank) {

		Known known() {
			return new Known(this.score, this.rank, this.lowestRank, this.highestRank);
		}

	}

	/** The demo files, as read by the caller. */
	record Files(List<CSVRecord> published, List<CSVRecord> rounds, List<CSVRecord> categories, List<CSVRecord> blocks,
			List<CSVRecord> rankRanges) {

	}

	static List<PlannedRound> plan(Files files, List<Member> agencies) {
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
			List<Published> facts = published(published, files.rankRanges(), framework, year, roundCategories);
			used += facts.size();
			List<ScoreRow> rows = new ArrayList<>();
			Set<String> covered = new HashSet<>();
			for (CSVRecord block : blocks) {
				if (!block.get("framework").equals(framework.name()) || year < Integer.parseInt(block.get("from_year"))
						|| year > Integer.parseInt(block.get("to_year"))) {
					continue;
				}
				Block name = Block.valueOf(block.get("block"));
				List<String> members = members(block.get("members"), year, byCode, framework + " " + year + " " + name);
				List<AssessmentCategory> generated = block.get("categories").equals("ALL") ? roundCategories
						: roundCategories.stream().filter((c) -> c.kind() == CategoryKind.TOTAL).toList();
				Map<String, Integer> totalRanks = null;
				for (AssessmentCategory category : generated) {
					covered.add(name + "/" + category.code());
					String table = framework + "/" + year + "/" + name + "/" + category.code();
					Map<String, Published> facts1 = new LinkedHashMap<>();
					Map<String, Known> known = new LinkedHashMap<>();
					for (Published fact : facts) {
						if (fact.block() == name && fact.category().equals(category.code())) {
							facts1.put(fact.agency(), fact);
							known.put(fact.agency(), fact.known());
						}
					}
					Map<String, Double> strength = new HashMap<>();
					for (String member : members) {
						double base = prior.getOrDefault(member, ScoreGenerator.uniform(member + "/" + framework));
						if (totalRanks == null) {
							strength.put(member,
									base + 0.06 * ScoreGenerator.gaussian(member + "/" + framework + "/" + year));
						}
						else {
							double percentile = 1
									- (totalRanks.get(member) - 1) / (double) Math.max(1, members.size() - 1);
							strength.put(member,
									0.65 * percentile + 0.35 * ScoreGenerator.uniform(table + "/" + member));
						}
					}
					Double level = (name == Block.NATIONAL) ? nationalLevel(published, framework, year) : null;
					Map<String, BigDecimal> scores = ScoreGenerator.fill(members, known, strength, category.maxScore(),
							level, table);
					if (category.kind() == CategoryKind.TOTAL) {
						totalRanks = new HashMap<>();
						for (Map.Entry<String, BigDecimal> e : scores.entrySet()) {
							totalRanks.put(e.getKey(), ScoreGenerator.rank(scores, e.getValue()));
						}
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

	private static List<Published> published(List<CSVRecord> published, List<CSVRecord> rankRanges, Framework framework,
			int year, List<AssessmentCategory> categories) {
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
				if (range.get("framework").equals(r.get("framework")) && range.get("year").equals(r.get("year"))
						&& range.get("block").equals(r.get("block")) && range.get("category").equals(r.get("category"))
						&& range.get("agency_id").equals(r.get("agency_id"))) {
					lowest = Integer.parseInt(range.get("lowest_rank"));
					highest = Integer.parseInt(range.get("highest_rank"));
				}
			}
			found.add(new Published(Block.valueOf(r.get("block")), r.get("agency_id"), category, score, rank,
					r.get("source"), text(r.get("note")), lowest, highest));
		}
		return found;
	}

	/**
	 * A national index for a year nothing was published for: 0.05 below the next
	 * published year per year before it (or 0.03 above the last one per year after), so
	 * the sample series rises as the published one does.
	 */
	private static @Nullable Double nationalLevel(List<CSVRecord> published, Framework framework, int year) {
		Integer nearest = null;
		double value = 0;
		for (CSVRecord r : published) {
			if (r.get("framework").equals(framework.name()) && r.get("block").equals(Block.NATIONAL.name())
					&& r.get("category").isEmpty() && !r.get("score").isEmpty()) {
				int y = Integer.parseInt(r.get("year"));
				if (nearest == null || Math.abs(y - year) < Math.abs(nearest - year)
						|| (Math.abs(y - year) == Math.abs(nearest - year) && y > year)) {
					nearest = y;
					value = Double.parseDouble(r.get("score"));
				}
			}
		}
		if (nearest == null) {
			return null;
		}
		return (nearest > year) ? value - 0.05 * (nearest - year) : value + 0.03 * (year - nearest);
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
