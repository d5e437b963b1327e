package vn.egov.dashboard.assessment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.csv.CsvFile.Line;
import vn.egov.dashboard.csv.ImportProblem;

/**
 * Checks what every line of an import file means against the round: the block (one of the
 * framework's), the agency (known, of a kind the block ranks, in existence in the
 * assessed year), the category (one of the round's), the score (a plain decimal number
 * within 0 and the category's maximum), the published rank (a positive whole number),
 * that no score is given twice, and, when the import replaces one block, that every line
 * is of that block. Every problem is reported, not just the first.
 */
final class ImportValidator {

	/** Decimals kept by {@code assessment_score.score}. */
	static final int MAX_DECIMALS = 6;

	static final int MAX_TEXT = 2000;

	private ImportValidator() {
	}

	/**
	 * The rows to write, the errors that forbid writing, and warnings that do not: a
	 * published rank that the file's own scores contradict.
	 */
	record Checked(List<ScoreRow> rows, List<ImportProblem> errors, List<ImportProblem> warnings) {

	}

	/**
	 * @param replace the one block the import replaces, or null for the whole round
	 */
	static Checked check(AssessmentRound round, List<AssessmentCategory> categories, Map<String, Agency> agencies,
			List<Line> lines, @Nullable Block replace) {
		List<ImportProblem> errors = new ArrayList<>();
		List<ScoreRow> rows = new ArrayList<>();
		Map<String, Integer> firstLineOfKey = new HashMap<>();
		Map<String, Line> blockOfAgency = new HashMap<>();
		for (Line line : lines) {
			int before = errors.size();
			Block block = block(round, line, replace, errors);
			Agency agency = agency(round, block, line, agencies, errors);
			AssessmentCategory category = category(round, categories, line, errors);
			BigDecimal score = score(round, category, line, errors);
			Integer rank = rank(line, errors);
			String source = text(line, AssessmentCsv.SOURCE, errors);
			String note = text(line, AssessmentCsv.NOTE, errors);
			if (block == null || agency == null || category == null) {
				continue;
			}
			String key = block + "/" + agency.code() + "/" + category.code();
			Integer first = firstLineOfKey.putIfAbsent(key, line.number());
			if (first != null) {
				errors.add(new ImportProblem(line.number(), null, "duplicate of line " + first + ": " + agency.code()
						+ " already has a " + category.code() + " score in block " + block));
				continue;
			}
			if (!block.recomputation()) {
				String agencyKey = agency.code() + "/" + category.code();
				Line other = blockOfAgency.putIfAbsent(agencyKey, line);
				String otherBlock = (other != null) ? other.get(AssessmentCsv.BLOCK) : null;
				if (other != null && !block.name().equals(otherBlock)) {
					errors.add(new ImportProblem(line.number(), AssessmentCsv.BLOCK,
							agency.code() + " is already ranked in block " + otherBlock + " on line " + other.number()
									+ "; an agency is ranked in one block per round"));
					continue;
				}
			}
			if (errors.size() == before && score != null) {
				rows.add(new ScoreRow(line.number(), block, agency.code(), category.code(), score, false, rank, source,
						note));
			}
		}
		return new Checked(rows, errors, rankWarnings(rows));
	}

	private static @Nullable Block block(AssessmentRound round, Line line, @Nullable Block replace,
			List<ImportProblem> errors) {
		String given = line.get(AssessmentCsv.BLOCK);
		String blocks = round.framework().blocks().stream().map(Enum::name).collect(Collectors.joining(", "));
		if (given == null) {
			errors.add(new ImportProblem(line.number(), AssessmentCsv.BLOCK,
					"block is required; " + round.framework() + " uses " + blocks));
			return null;
		}
		for (Block block : round.framework().blocks()) {
			if (block.name().equals(given)) {
				if (replace != null && block != replace) {
					errors.add(new ImportProblem(line.number(), AssessmentCsv.BLOCK,
							"is in block " + block + ", but this import replaces block " + replace + " only"));
					return null;
				}
				return block;
			}
		}
		errors.add(new ImportProblem(line.number(), AssessmentCsv.BLOCK,
				"unknown block '" + given + "' for " + round.framework() + ", which uses " + blocks));
		return null;
	}

	private static @Nullable Agency agency(AssessmentRound round, @Nullable Block block, Line line,
			Map<String, Agency> agencies, List<ImportProblem> errors) {
		String code = line.get(AssessmentCsv.AGENCY);
		if (code == null) {
			errors.add(new ImportProblem(line.number(), AssessmentCsv.AGENCY, "agency_code is required"));
			return null;
		}
		Agency agency = agencies.get(code);
		if (agency == null) {
			errors.add(new ImportProblem(line.number(), AssessmentCsv.AGENCY, "unknown agency '" + code + "'"));
			return null;
		}
		if (block == null) {
			return agency;
		}
		if (!block.kinds().contains(agency.kind())) {
			errors.add(new ImportProblem(line.number(), AssessmentCsv.AGENCY,
					code + " (" + agency.name() + ") is a " + agency.kind() + ", but block " + block + " ranks "
							+ block.kinds().stream().map(Enum::name).sorted().collect(Collectors.joining(", "))));
			return null;
		}
		LocalDate start = LocalDate.of(round.year(), 1, 1);
		LocalDate end = LocalDate.of(round.year(), 12, 31);
		boolean existed = (agency.validFrom() == null || !agency.validFrom().isAfter(end))
				&& (agency.validTo() == null || !agency.validTo().isBefore(start));
		if (!existed && !block.recomputation()) {
			errors.add(new ImportProblem(line.number(), AssessmentCsv.AGENCY,
					code + " (" + agency.name() + ") did not exist in " + round.year() + " (valid "
							+ orOpen(agency.validFrom()) + " to " + orOpen(agency.validTo())
							+ ((agency.successorCode() != null) ? "; its successor is " + agency.successorCode() : "")
							+ ")"));
			return null;
		}
		return agency;
	}

	private static @Nullable AssessmentCategory category(AssessmentRound round, List<AssessmentCategory> categories,
			Line line, List<ImportProblem> errors) {
		String given = line.get(AssessmentCsv.CATEGORY);
		String wanted = (given != null) ? given : AssessmentCategory.TOTAL;
		for (AssessmentCategory category : categories) {
			if (category.isNamed(wanted)) {
				return category;
			}
		}
		errors.add(new ImportProblem(line.number(), AssessmentCsv.CATEGORY,
				"unknown category '" + wanted + "' for " + round.label() + "; use one of " + known(categories)));
		return null;
	}

	/**
	 * The categories as a hint:
	 * {@code TOTAL (or empty), CHINH_QUYEN_SO (Chính quyền số), …}.
	 */
	static String known(List<AssessmentCategory> categories) {
		return categories.stream()
			.map((c) -> c.code() + (c.kind() == CategoryKind.TOTAL ? " (or empty)" : " (" + c.name() + ")"))
			.collect(Collectors.joining(", "));
	}

	private static @Nullable BigDecimal score(AssessmentRound round, @Nullable AssessmentCategory category, Line line,
			List<ImportProblem> errors) {
		String given = line.get(AssessmentCsv.SCORE);
		if (given == null) {
			errors.add(new ImportProblem(line.number(), AssessmentCsv.SCORE, "score is required"));
			return null;
		}
		BigDecimal score = decimal(given);
		if (score == null) {
			errors.add(new ImportProblem(line.number(), AssessmentCsv.SCORE,
					"'" + given + "' is not a number" + (given.matches("-?\\d+,\\d+")
							? "; write decimals with a point, e.g. " + given.replace(',', '.') : "")));
			return null;
		}
		if (score.stripTrailingZeros().scale() > MAX_DECIMALS) {
			errors.add(new ImportProblem(line.number(), AssessmentCsv.SCORE,
					given + " has more than " + MAX_DECIMALS + " decimals"));
			return null;
		}
		if (category != null && (score.signum() < 0 || score.compareTo(category.maxScore()) > 0)) {
			errors.add(new ImportProblem(line.number(), AssessmentCsv.SCORE,
					"score " + given + " is outside 0.." + category.maxScore().stripTrailingZeros().toPlainString()
							+ ", the range of " + category.code() + " in " + round.label()));
			return null;
		}
		return score;
	}

	/**
	 * A plain decimal number ({@code 0.8002}, {@code 12}); no exponent, grouping or NaN.
	 */
	static @Nullable BigDecimal decimal(String text) {
		if (!text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
			return null;
		}
		return new BigDecimal(text);
	}

	private static @Nullable Integer rank(Line line, List<ImportProblem> errors) {
		String given = line.get(AssessmentCsv.RANK);
		if (given == null) {
			return null;
		}
		if (given.matches("\\d{1,6}") && Integer.parseInt(given) > 0) {
			return Integer.valueOf(given);
		}
		errors.add(new ImportProblem(line.number(), AssessmentCsv.RANK,
				"rank '" + given + "' is not a positive whole number (leave it empty when no rank was published)"));
		return null;
	}

	private static @Nullable String text(Line line, String column, List<ImportProblem> errors) {
		String given = line.get(column);
		if (given != null && given.length() > MAX_TEXT) {
			errors
				.add(new ImportProblem(line.number(), column, column + " is longer than " + MAX_TEXT + " characters"));
			return null;
		}
		return given;
	}

	/**
	 * A published rank that differs from the rank the file's own scores give the line.
	 */
	private static List<ImportProblem> rankWarnings(List<ScoreRow> rows) {
		Map<String, List<ScoreRow>> groups = rows.stream()
			.collect(Collectors.groupingBy((r) -> r.block() + " / " + r.categoryCode()));
		List<ImportProblem> warnings = new ArrayList<>();
		for (ScoreRow row : rows) {
			if (row.publishedRank() == null) {
				continue;
			}
			String group = row.block() + " / " + row.categoryCode();
			long above = groups.get(group).stream().filter((other) -> other.score().compareTo(row.score()) > 0).count();
			int computed = (int) above + 1;
			if (!Objects.equals(row.publishedRank(), computed)) {
				warnings.add(new ImportProblem(row.line(), AssessmentCsv.RANK, "rank " + row.publishedRank()
						+ " is given, but the scores in this file rank the line " + computed + " in " + group));
			}
		}
		return warnings;
	}

	private static String orOpen(@Nullable LocalDate date) {
		return (date != null) ? date.toString() : "…";
	}

}
