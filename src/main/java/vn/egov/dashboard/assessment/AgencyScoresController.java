package vn.egov.dashboard.assessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.agency.AgencyNotFoundException;
import vn.egov.dashboard.agency.AgencyRepository;
import vn.egov.dashboard.graphql.InvalidInputException;

/**
 * Agencies' histories: one agency over the years (with the agencies merged into it), and
 * several side by side.
 */
@Controller
class AgencyScoresController {

	static final int MAX_COMPARED = 20;

	private final AssessmentRepository assessments;

	private final RankingRepository rankings;

	private final AgencyRepository agencies;

	AgencyScoresController(AssessmentRepository assessments, RankingRepository rankings, AgencyRepository agencies) {
		this.assessments = assessments;
		this.rankings = rankings;
		this.agencies = agencies;
	}

	@QueryMapping
	Mono<List<AgencyRound>> agencyScores(@Argument String agencyCode, @Argument @Nullable Framework framework,
			@Argument @Nullable Boolean includePredecessors, @Argument @Nullable Boolean publishedOnly) {
		boolean lineage = includePredecessors == null || includePredecessors;
		return this.agencies.findByCode(agencyCode)
			.switchIfEmpty(Mono.error(() -> new AgencyNotFoundException(agencyCode)))
			.flatMap((agency) -> lineage ? this.rankings.findLineage(agency.code())
					: Mono.just(Map.of(agency.code(), 0)))
			.flatMap((depths) -> this.rankings
				.findStandings(depths.keySet(), framework, null, null, Boolean.TRUE.equals(publishedOnly))
				.collectList()
				.map((standings) -> history(agencyCode, depths, standings)));
	}

	@QueryMapping
	Mono<AssessmentComparison> compareAgencies(@Argument List<String> agencyCodes, @Argument Framework framework,
			@Argument @Nullable String category, @Argument @Nullable Integer fromYear,
			@Argument @Nullable Integer toYear, @Argument @Nullable Boolean publishedOnly) {
		Set<String> codes = new LinkedHashSet<>(agencyCodes);
		if (codes.isEmpty() || codes.size() > MAX_COMPARED) {
			throw new InvalidInputException("agencyCodes",
					"must name 1 to " + MAX_COMPARED + " distinct agencies, named " + codes.size());
		}
		if (fromYear != null && toYear != null && fromYear > toYear) {
			throw new InvalidInputException("fromYear", "must not be after toYear");
		}
		return this.agencies.findByCodes(codes)
			.map(Agency::code)
			.collect(Collectors.toSet())
			.doOnNext((found) -> codes.stream()
				.filter((code) -> !found.contains(code))
				.findFirst()
				.ifPresent((missing) -> {
					throw new AgencyNotFoundException(missing);
				}))
			.then(this.assessments.findRounds(framework)
				.filter((r) -> (fromYear == null || r.year() >= fromYear) && (toYear == null || r.year() <= toYear))
				.collectList())
			.flatMap((rounds) -> categoryCode(framework, rounds, category).flatMap((code) -> this.rankings
				.findStandings(codes, framework, null, code, Boolean.TRUE.equals(publishedOnly))
				.collectList()
				.map((standings) -> compare(framework, code, rounds, codes, standings))));
	}

	@SchemaMapping(typeName = "AgencyRound")
	CompletableFuture<Agency> agency(AgencyRound round, DataLoader<String, Agency> agencies) {
		return agencies.load(round.agencyCode());
	}

	@BatchMapping(typeName = "AgencyRound")
	Mono<Map<AgencyRound, AssessmentRound>> round(List<AgencyRound> rounds) {
		return this.assessments.findRoundsByIds(rounds.stream().map(AgencyRound::roundId).collect(Collectors.toSet()))
			.collectMap(AssessmentRound::id)
			.map((byId) -> rounds.stream()
				.collect(Collectors.toMap(Function.identity(), (r) -> byId.get(r.roundId()), (a, b) -> a,
						LinkedHashMap::new)));
	}

	@SchemaMapping(typeName = "ComparedAgency")
	CompletableFuture<Agency> agency(AssessmentComparison.Row row, DataLoader<String, Agency> agencies) {
		return agencies.load(row.agencyCode());
	}

	/**
	 * Groups standings into one entry per round × block × agency: the agency's own first
	 * each year.
	 */
	static List<AgencyRound> history(String asked, Map<String, Integer> depths, List<Standing> standings) {
		Map<String, List<Standing>> groups = new LinkedHashMap<>();
		for (Standing s : standings) {
			groups.computeIfAbsent(s.roundId() + "/" + s.block() + "/" + s.agencyCode(), (k) -> new ArrayList<>())
				.add(s);
		}
		List<AgencyRound> history = new ArrayList<>();
		for (List<Standing> group : groups.values()) {
			Standing first = group.get(0);
			group.sort(Comparator.comparingInt(Standing::categoryPosition));
			history.add(
					new AgencyRound(first.framework(), first.year(), first.roundId(), first.block(), first.agencyCode(),
							first.agencyCode().equals(asked) ? AgencyRelation.SELF : AgencyRelation.PREDECESSOR,
							List.copyOf(group)));
		}
		history.sort(Comparator.comparingInt(AgencyRound::year)
			.thenComparing(AgencyRound::framework)
			.thenComparing(AgencyRound::relation)
			.thenComparing((r) -> depths.getOrDefault(r.agencyCode(), 0))
			.thenComparing(AgencyRound::agencyCode)
			.thenComparing(AgencyRound::block));
		return history;
	}

	/**
	 * The code of the category named {@code given} in any of the rounds; the total when
	 * none is given.
	 */
	private Mono<String> categoryCode(Framework framework, List<AssessmentRound> rounds, @Nullable String given) {
		if (given == null || given.isBlank()) {
			return Mono.just(AssessmentCategory.TOTAL);
		}
		return this.assessments.findCategories(rounds.stream().map(AssessmentRound::id).toList())
			.collectList()
			.map((categories) -> categories.stream()
				.filter((c) -> c.isNamed(given))
				.map(AssessmentCategory::code)
				.findFirst()
				.orElseThrow(() -> new InvalidInputException("category",
						"'" + given + "' is not a category of " + framework + " in these years; use one of "
								+ categories.stream()
									.map(AssessmentCategory::code)
									.distinct()
									.collect(Collectors.joining(", ")))));
	}

	private static AssessmentComparison compare(Framework framework, String category, List<AssessmentRound> rounds,
			Set<String> codes, List<Standing> standings) {
		List<Integer> years = rounds.stream().map(AssessmentRound::year).toList();
		Map<String, Standing> cell = new LinkedHashMap<>();
		for (Standing s : standings) {
			// an agency in a regular block and in a recomputation (DTI 2024 post-merger)
			// shows the regular one
			cell.merge(s.agencyCode() + "/" + s.year(), s, (a, b) -> a.block().recomputation() ? b : a);
		}
		List<AssessmentComparison.Row> rows = new ArrayList<>();
		for (String code : codes) {
			List<@Nullable Standing> cells = new ArrayList<>();
			for (int year : years) {
				cells.add(cell.get(code + "/" + year));
			}
			rows.add(new AssessmentComparison.Row(code, cells));
		}
		return new AssessmentComparison(framework, category, years, rows);
	}

}
