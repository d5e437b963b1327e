package vn.egov.dashboard.assessment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import graphql.execution.DataFetcherResult;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.graphql.Connections;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.Page;

/**
 * A block's ranking and its score distribution, and the fields of ranking entries,
 * category scores and statistics.
 */
@Controller
class RankingController {

	private final AssessmentRepository assessments;

	private final RankingRepository rankings;

	private final RankChangeRepository changes;

	RankingController(AssessmentRepository assessments, RankingRepository rankings, RankChangeRepository changes) {
		this.assessments = assessments;
		this.rankings = rankings;
		this.changes = changes;
	}

	@QueryMapping
	Mono<DataFetcherResult<Window<Standing>>> ranking(@Argument Framework framework, @Argument int year,
			@Argument Block block, @Argument @Nullable String category, @Argument @Nullable Boolean publishedOnly,
			ScrollSubrange subrange) {
		checkBlock(framework, block);
		Page page = Page.of(subrange);
		boolean published = Boolean.TRUE.equals(publishedOnly);
		return round(framework, year).flatMap((round) -> category(round, category)
			.zipWith(this.rankings.findPreviousRoundId(round, block).map(Optional::of).defaultIfEmpty(Optional.empty()))
			.flatMap((found) -> this.rankings
				.findRanking(round, found.getT2().orElse(null), block, found.getT1().code(), published, page)
				.collectList()
				.map((rows) -> Connections.of(page.window(rows, RankingController::cursorKeys),
						this.rankings.countRanking(round, block, found.getT1().code(), published)))));
	}

	/**
	 * The sort keys of an entry's cursor, in this order (a {@code Map.of} iterates in an
	 * order that changes from one start to the next): {@code {"rank":3,"agency":"P48"}},
	 * as the compiled path writes them too ({@link RankingSqlJson}).
	 */
	private static Map<String, Object> cursorKeys(Standing standing) {
		Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("rank", standing.rank());
		keys.put("agency", standing.agencyCode());
		return keys;
	}

	@QueryMapping
	Mono<List<RankChange>> rankChanges(@Argument Framework framework, @Argument int fromYear, @Argument int toYear,
			@Argument Block block, @Argument @Nullable String category, @Argument RankChangeSort sortBy,
			@Argument SortDirection direction, @Argument boolean publishedOnly) {
		checkBlock(framework, block);
		if (fromYear >= toYear) {
			throw new InvalidInputException("fromYear",
					"must be before toYear (" + fromYear + " is not before " + toYear + ")");
		}
		// One after the other: when neither round exists, the error is always about
		// fromYear's.
		return round(framework, fromYear).flatMap((from) -> round(framework, toYear).map((to) -> Tuples.of(from, to)))
			.flatMap((rounds) -> category(rounds.getT2(), category).flatMap((found) -> this.changes
				.findChanges(rounds.getT2(), rounds.getT1(), block, found.code(), sortBy, direction, publishedOnly)
				.collectList()));
	}

	@SchemaMapping(typeName = "RankChange")
	CompletableFuture<Agency> agency(RankChange change, DataLoader<String, Agency> agencies) {
		return agencies.load(change.agencyCode());
	}

	@SchemaMapping(typeName = "RankChange")
	CompletableFuture<List<Agency>> fromAgencies(RankChange change, DataLoader<String, Agency> agencies) {
		return agencies.loadMany(change.fromAgencies());
	}

	@QueryMapping
	Mono<List<CategoryStatistics>> blockStatistics(@Argument Framework framework, @Argument int year,
			@Argument Block block, @Argument @Nullable String category, @Argument @Nullable Boolean publishedOnly) {
		checkBlock(framework, block);
		// A Mono of the list: a Flux that fails is answered as a list ending in null,
		// which a non-null item type
		// turns into a second, misleading error (NullValueInNonNullableField) beside the
		// real one.
		return round(framework, year)
			.flatMapMany((round) -> ((category != null) ? category(round, category).map(AssessmentCategory::code)
					: Mono.<String>empty())
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMapMany((code) -> this.rankings.findStatistics(round, block, code.orElse(null),
						Boolean.TRUE.equals(publishedOnly))))
			.collectList();
	}

	@SchemaMapping(typeName = "RankingEntry")
	CompletableFuture<Agency> agency(Standing standing, DataLoader<String, Agency> agencies) {
		return agencies.load(standing.agencyCode());
	}

	@BatchMapping(typeName = "CategoryStatistics", field = "category")
	Mono<Map<CategoryStatistics, AssessmentCategory>> statisticsCategory(List<CategoryStatistics> statistics) {
		return categoriesOf(statistics, CategoryStatistics::roundId, CategoryStatistics::categoryCode);
	}

	private <T> Mono<Map<T, AssessmentCategory>> categoriesOf(List<T> items, Function<T, Long> round,
			Function<T, String> code) {
		return this.assessments.findCategories(items.stream().map(round).collect(Collectors.toSet()))
			.collectMap((c) -> c.roundId() + "/" + c.code())
			.map((byKey) -> items.stream()
				.collect(Collectors.toMap((item) -> item,
						(item) -> byKey.get(round.apply(item) + "/" + code.apply(item)), (a, b) -> a,
						LinkedHashMap::new)));
	}

	private Mono<AssessmentRound> round(Framework framework, int year) {
		return this.assessments.findRound(framework, year)
			.switchIfEmpty(Mono.error(() -> new AssessmentRoundNotFoundException(framework, year)));
	}

	private Mono<AssessmentCategory> category(AssessmentRound round, @Nullable String given) {
		String wanted = (given != null && !given.isBlank()) ? given : AssessmentCategory.TOTAL;
		return this.assessments.findCategories(round.id())
			.collectList()
			.map((categories) -> categories.stream()
				.filter((c) -> c.isNamed(wanted))
				.findFirst()
				.orElseThrow(() -> new InvalidInputException("category", "'" + wanted + "' is not a category of "
						+ round.label() + "; use one of " + ImportValidator.known(categories))));
	}

	static void checkBlock(Framework framework, Block block) {
		if (!framework.blocks().contains(block)) {
			throw new InvalidInputException("block", block + " is not used by " + framework + ", which ranks "
					+ framework.blocks().stream().map(Enum::name).collect(Collectors.joining(", ")));
		}
	}

}
