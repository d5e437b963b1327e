package vn.egov.dashboard.assessment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.agency.AgencyRepository;
import vn.egov.dashboard.assessment.AssessmentInputs.CategoryInput;
import vn.egov.dashboard.assessment.AssessmentInputs.DefineRoundInput;
import vn.egov.dashboard.csv.CsvFile.Line;
import vn.egov.dashboard.csv.CsvFile.Parsed;
import vn.egov.dashboard.csv.ImportProblem;
import vn.egov.dashboard.document.DocumentNotFoundException;
import vn.egov.dashboard.document.DocumentRepository;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.Texts;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.security.AnalystWrite;
import vn.egov.dashboard.security.AuditLog;
import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Every write to assessments: defining a round with its categories, and importing a
 * round's scores from CSV (the GraphQL mutation, the HTTP upload and the command line all
 * come here). Each request is checked in full before anything is written, and written in
 * one transaction.
 */
@Service
public class AssessmentService {

	static final int FIRST_YEAR = 2000;

	static final int LAST_YEAR = 2100;

	/** The largest maximum {@code numeric(12, 6)} holds. */
	private static final BigDecimal LARGEST_MAXIMUM = new BigDecimal("999999");

	private final AssessmentRepository assessments;

	private final AgencyRepository agencies;

	private final DocumentRepository documents;

	private final Clock clock;

	private final Changes changes;

	private final AuditLog audit;

	AssessmentService(AssessmentRepository assessments, AgencyRepository agencies, DocumentRepository documents,
			Clock clock, Changes changes, AuditLog audit) {
		this.audit = audit;
		this.assessments = assessments;
		this.agencies = agencies;
		this.documents = documents;
		this.clock = clock;
		this.changes = changes;
	}

	/**
	 * Creates or updates a round. Categories, when given, replace the round's; a category
	 * that already has scores cannot be dropped, nor get a maximum below its highest
	 * score.
	 */
	@AnalystWrite
	public Mono<AssessmentRound> defineRound(DefineRoundInput input) {
		return this.changes.commit(changed(input.framework()), Mono.defer(() -> define(input)));
	}

	private Mono<AssessmentRound> define(DefineRoundInput input) {
		checkYear(input.year());
		if (input.publishedOn() != null) {
			if (input.publishedOn().getYear() < input.year()) {
				throw new InvalidInputException("publishedOn",
						"must not be before the assessed year " + input.year() + ", was " + input.publishedOn());
			}
			if (input.publishedOn().isAfter(LocalDate.now(this.clock))) {
				throw new InvalidInputException("publishedOn", "must not be in the future, was " + input.publishedOn());
			}
		}
		String note = Texts.optional("note", input.note(), ImportValidator.MAX_TEXT);
		List<AssessmentCategory> given = (input.categories() != null) ? categories(input.categories()) : null;
		return documentId(input.methodologyDocumentNumber()).flatMap((document) -> this.assessments
			.findRound(input.framework(), input.year())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((existing) -> checkCategoriesKeepScores(existing.orElse(null), given)
				.then(categoriesFor(input.framework(), input.year(), existing.isPresent(), given))
				.flatMap((categories) -> this.assessments
					.insertRound(input.framework(), input.year(), input.publishedOn(), document.orElse(null), note)
					.flatMap((round) -> saveCategories(round, categories).thenReturn(round)))
				.flatMap((round) -> this.audit
					.record("defineAssessmentRound", "assessment_round", input.framework() + "/" + input.year(),
							existing.orElse(null), round)
					.thenReturn(round))));
	}

	/**
	 * Replaces the scores of a round, or of one of its blocks, with the rows of a CSV
	 * file, or writes nothing and reports every bad line. Without {@code replace} the
	 * file must give every score the round holds (a partial file never silently deletes
	 * the rest of a round); with it, every line must be of that block and only that block
	 * is replaced. {@code validateOnly} checks everything and writes nothing. Imports of
	 * the same round run one after the other (the round's row is locked).
	 */
	@AnalystWrite
	public Mono<ImportResult> importCsv(Framework framework, int year, String csv, @Nullable Block replace,
			boolean validateOnly) {
		Mono<ImportResult> write = Mono.defer(() -> replaceScores(framework, year, csv, replace, validateOnly))
			.flatMap((result) -> result.imported() ? this.audit
				.record("importAssessment", "assessment_round",
						framework + "/" + year + ((replace != null) ? "/" + replace : ""),
						Map.of("scores", result.rowsReplaced()),
						Map.of("scores", result.rowsImported(), "rowsRead", result.rowsRead()))
				.thenReturn(result) : Mono.just(result));
		return this.changes.commit(write, (result) -> result.imported() ? changed(framework) : null);
	}

	/**
	 * The change a write to a round of {@code framework} makes (rankingPublished follows
	 * it by framework).
	 */
	private static DataChangedEvent changed(Framework framework) {
		return DataChangedEvent.of("assessment", framework);
	}

	private Mono<ImportResult> replaceScores(Framework framework, int year, String csv, @Nullable Block replace,
			boolean validateOnly) {
		checkYear(year);
		if (replace != null && !framework.blocks().contains(replace)) {
			throw new InvalidInputException("replace",
					"names block " + replace + ", which " + framework + " does not use; it uses " + framework.blocks());
		}
		Parsed parsed = AssessmentCsv.parse(csv, framework, year);
		return this.assessments.lockRound(framework, year)
			.switchIfEmpty(Mono.error(() -> new AssessmentRoundNotFoundException(framework, year)))
			.flatMap((round) -> Mono
				.zip(this.assessments.findCategories(round.id()).collectList(), agenciesOf(parsed.lines()),
						this.assessments.findScoreKeys(round.id()).collectList())
				.flatMap((found) -> {
					ImportValidator.Checked checked = ImportValidator.check(round, found.getT1(), found.getT2(),
							parsed.lines(), replace);
					List<ScoreKey> held = found.getT3()
						.stream()
						.filter((key) -> replace == null || key.block() == replace)
						.toList();
					List<ImportProblem> errors = Stream.concat(parsed.problems().stream(), checked.errors().stream())
						.sorted(Comparator.comparingInt(ImportProblem::line))
						.toList();
					if (errors.isEmpty() && checked.rows().isEmpty()) {
						errors = List.of(new ImportProblem(1, null,
								"the file has a header but no scores; nothing was replaced"));
					}
					if (errors.isEmpty()) {
						errors = partial(round, held, checked, replace);
					}
					if (!errors.isEmpty()) {
						return Mono.just(ImportResult.rejected(framework, year, replace, validateOnly,
								parsed.linesRead(), errors, checked.warnings()));
					}
					if (validateOnly) {
						return Mono.just(new ImportResult(framework, year, replace, true, false, parsed.linesRead(),
								checked.rows().size(), held.size(), List.of(), checked.warnings()));
					}
					return this.assessments.deleteScores(round.id(), replace)
						.flatMap(
								(deleted) -> this.assessments.insertScores(round.id(), checked.rows())
									.flatMap((inserted) -> this.assessments
										.markImported(round.id(), OffsetDateTime.now(this.clock))
										.thenReturn(new ImportResult(framework, year, replace, false, true,
												parsed.linesRead(), inserted.intValue(), deleted.intValue(), List.of(),
												checked.warnings()))));
				}));
	}

	/**
	 * Refuses a valid file that replaces the whole round but leaves out scores the round
	 * holds: importing it would delete them unseen (a valid one-line file replaced the
	 * 1,190 scores of DTI 2024). Nothing to refuse when the import names the block it
	 * replaces.
	 */
	private static List<ImportProblem> partial(AssessmentRound round, List<ScoreKey> held,
			ImportValidator.Checked checked, @Nullable Block replace) {
		if (replace != null) {
			return List.of();
		}
		Set<ScoreKey> given = new HashSet<>();
		checked.rows().forEach((row) -> given.add(new ScoreKey(row.block(), row.agencyCode(), row.categoryCode())));
		Map<Block, Long> dropped = held.stream()
			.filter((key) -> !given.contains(key))
			.collect(Collectors.groupingBy(ScoreKey::block, TreeMap::new, Collectors.counting()));
		if (dropped.isEmpty()) {
			return List.of();
		}
		long missing = dropped.values().stream().mapToLong(Long::longValue).sum();
		String blocks = dropped.entrySet()
			.stream()
			.map((e) -> e.getKey() + " " + e.getValue())
			.collect(Collectors.joining(", "));
		String only = (given.stream().map(ScoreKey::block).distinct().count() == 1)
				? given.iterator().next().block().name() : "BLOCK";
		return List.of(new ImportProblem(1, null,
				"the file gives " + checked.rows().size() + " scores, but " + round.label() + " holds " + held.size()
						+ ": importing it would delete the " + missing + " it leaves out (" + blocks
						+ "). Give every score of the round, or replace one block only (replace: " + only + ")"));
	}

	private Mono<Map<String, Agency>> agenciesOf(List<Line> lines) {
		Set<String> codes = new HashSet<>();
		for (Line line : lines) {
			String code = line.get(AssessmentCsv.AGENCY);
			if (code != null) {
				codes.add(code);
			}
		}
		return this.agencies.findByCodes(codes).collectMap(Agency::code);
	}

	private static void checkYear(int year) {
		if (year < FIRST_YEAR || year > LAST_YEAR) {
			throw new InvalidInputException("year",
					"must be from " + FIRST_YEAR + " to " + LAST_YEAR + ", was " + year);
		}
	}

	private Mono<Optional<Long>> documentId(@Nullable String number) {
		String given = Texts.optional("methodologyDocumentNumber", number, 100);
		if (given == null) {
			return Mono.just(Optional.empty());
		}
		return this.documents.findByNumber(given)
			.map((document) -> Optional.of(document.id()))
			.switchIfEmpty(Mono.error(() -> new DocumentNotFoundException(given)));
	}

	/** The given categories checked, in the given order; position follows it. */
	private static List<AssessmentCategory> categories(List<CategoryInput> inputs) {
		List<AssessmentCategory> categories = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < inputs.size(); i++) {
			CategoryInput input = inputs.get(i);
			String field = "categories[" + i + "]";
			String code = Texts.required(field + ".code", input.code(), 64);
			if (!code.matches("[A-Z][A-Z0-9_]*")) {
				throw new InvalidInputException(field + ".code",
						"must be upper-case letters, digits and _, starting with a letter, was '" + code + "'");
			}
			if (!codes.add(code)) {
				throw new InvalidInputException(field + ".code", "repeats " + code);
			}
			String name = Texts.required(field + ".name", input.name(), 200);
			if (!names.add(name.toLowerCase(Locale.ROOT))) {
				throw new InvalidInputException(field + ".name", "repeats " + name);
			}
			if ((input.kind() == CategoryKind.TOTAL) != code.equals(AssessmentCategory.TOTAL)) {
				throw new InvalidInputException(field + ".kind",
						"must be TOTAL exactly for the category with code TOTAL");
			}
			BigDecimal max = BigDecimal.valueOf(input.maxScore());
			if (max.signum() <= 0 || max.compareTo(LARGEST_MAXIMUM) > 0
					|| max.stripTrailingZeros().scale() > ImportValidator.MAX_DECIMALS) {
				throw new InvalidInputException(field + ".maxScore", "must be above 0 and at most " + LARGEST_MAXIMUM
						+ " with at most " + ImportValidator.MAX_DECIMALS + " decimals, was " + input.maxScore());
			}
			categories.add(new AssessmentCategory(0, code, name, Texts.optional(field + ".nameEn", input.nameEn(), 200),
					input.kind(), max, i + 1));
		}
		if (!codes.contains(AssessmentCategory.TOTAL)) {
			throw new InvalidInputException("categories", "must include the total: code TOTAL, kind TOTAL");
		}
		return categories;
	}

	/**
	 * An existing round's scored categories must survive a redefinition, with room for
	 * their scores.
	 */
	private Mono<Void> checkCategoriesKeepScores(@Nullable AssessmentRound existing,
			@Nullable List<AssessmentCategory> given) {
		if (existing == null || given == null) {
			return Mono.empty();
		}
		return this.assessments.findHighestScores(existing.id()).doOnNext((highest) -> highest.forEach((code, top) -> {
			AssessmentCategory kept = given.stream().filter((c) -> c.code().equals(code)).findFirst().orElse(null);
			if (kept == null) {
				throw new InvalidInputException("categories", "must keep " + code + ", which has scores in "
						+ existing.label() + "; import the round without it first");
			}
			if (kept.maxScore().compareTo(top) < 0) {
				throw new InvalidInputException("categories",
						"cannot lower the maximum of " + code + " to " + kept.maxScore().toPlainString() + ": "
								+ existing.label() + " has a score of " + top.stripTrailingZeros().toPlainString());
			}
		})).then();
	}

	/**
	 * The categories to save: those given; else none for an existing round (kept as they
	 * are); else the previous round's; else just a total on a 0–1 scale.
	 */
	private Mono<List<AssessmentCategory>> categoriesFor(Framework framework, int year, boolean exists,
			@Nullable List<AssessmentCategory> given) {
		if (given != null) {
			return Mono.just(given);
		}
		if (exists) {
			return Mono.just(List.of());
		}
		return this.assessments.findRounds(framework)
			.filter((round) -> round.year() < year)
			.reduce((earlier, later) -> later)
			.flatMap((previous) -> this.assessments.findCategories(previous.id()).collectList())
			.defaultIfEmpty(List.of(new AssessmentCategory(0, AssessmentCategory.TOTAL, "Tổng thể", "Overall",
					CategoryKind.TOTAL, BigDecimal.ONE, 1)));
	}

	private Mono<Void> saveCategories(AssessmentRound round, List<AssessmentCategory> categories) {
		if (categories.isEmpty()) {
			return Mono.empty();
		}
		return this.assessments.saveCategories(round.id(), categories)
			.then(this.assessments.deleteCategoriesExcept(round.id(),
					categories.stream().map(AssessmentCategory::code).toList()))
			.then();
	}

}
