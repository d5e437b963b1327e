package vn.egov.dashboard.assessment;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.agency.Agency;

/**
 * {@code Agency.assessments}: each agency's own assessment results. Every agency of a
 * request that asks with the same arguments is answered by one read of the ranked scores,
 * however many agencies the page holds.
 */
@Controller
class AgencyAssessmentsController {

	AgencyAssessmentsController(RankingRepository rankings, BatchLoaderRegistry registry) {
		registry.forTypePair(AgencyAssessments.Request.class, AgencyAssessments.class)
			.registerMappedBatchLoader((requests, env) -> load(rankings, requests));
	}

	/**
	 * Fields of {@code CategoryScore} that only a ranked read can answer, looked for by
	 * name.
	 */
	private static final Set<String> RANKED_FIELDS = Set.of("rank", "rankChange", "previousRank", "previousYear",
			"previousSample", "tied", "blockSize");

	@SchemaMapping(typeName = "Agency")
	CompletableFuture<List<AgencyRound>> assessments(Agency agency, @Argument @Nullable Framework framework,
			@Argument @Nullable Integer year, @Argument @Nullable Boolean publishedOnly, DataFetchingEnvironment env,
			DataLoader<AgencyAssessments.Request, AgencyAssessments> loader) {
		boolean ranked = env.getMergedField()
			.getFields()
			.stream()
			.anyMatch((field) -> ranked(field.getSelectionSet(), env.getFragmentsByName()));
		return loader
			.load(new AgencyAssessments.Request(agency.code(), framework, year, Boolean.TRUE.equals(publishedOnly),
					ranked))
			.thenApply(AgencyAssessments::rounds);
	}

	/**
	 * Whether a ranked field is named anywhere under the field, through fragments,
	 * whatever its type and its {@code @skip}/{@code @include}: a rare false "yes" costs
	 * a ranked read, a "no" is always right. A walk over the document, because the
	 * selection set graphql-java offers ({@code DataFetchingFieldSelectionSet}) is
	 * computed for each agency anew: 4% of the time of a request for one agency, and its
	 * glob matching 40 times more.
	 */
	static boolean ranked(@Nullable SelectionSet selectionSet, Map<String, FragmentDefinition> fragments) {
		if (selectionSet == null) {
			return false;
		}
		for (Selection<?> selection : selectionSet.getSelections()) {
			if (selection instanceof Field field
					&& (RANKED_FIELDS.contains(field.getName()) || ranked(field.getSelectionSet(), fragments))) {
				return true;
			}
			if (selection instanceof InlineFragment inline && ranked(inline.getSelectionSet(), fragments)) {
				return true;
			}
			if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())
					&& ranked(fragments.get(spread.getName()).getSelectionSet(), fragments)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * One read per distinct arguments among the requests; agencies without scores get an
	 * empty list. Without ranked fields the scores are read as they are stored, without
	 * ranking their blocks.
	 */
	static Mono<Map<AgencyAssessments.Request, AgencyAssessments>> load(RankingRepository rankings,
			Set<AgencyAssessments.Request> requests) {
		Map<List<Object>, List<AgencyAssessments.Request>> byArguments = requests.stream()
			.collect(Collectors
				.groupingBy((r) -> Arrays.asList(r.framework(), r.year(), r.publishedOnly(), r.ranked())));
		return Flux.fromIterable(byArguments.values()).concatMap((group) -> {
			AgencyAssessments.Request first = group.get(0);
			Set<String> codes = group.stream().map(AgencyAssessments.Request::agencyCode).collect(Collectors.toSet());
			Flux<Standing> found = first.ranked()
					? rankings.findStandings(codes, first.framework(), first.year(), null, first.publishedOnly())
					: rankings.findScores(codes, first.framework(), first.year(), first.publishedOnly());
			return found.collectList().map((standings) -> answer(group, standings));
		}).collect(HashMap<AgencyAssessments.Request, AgencyAssessments>::new, Map::putAll);
	}

	private static Map<AgencyAssessments.Request, AgencyAssessments> answer(List<AgencyAssessments.Request> group,
			List<Standing> standings) {
		Map<String, List<Standing>> byAgency = standings.stream().collect(Collectors.groupingBy(Standing::agencyCode));
		Map<AgencyAssessments.Request, AgencyAssessments> result = new HashMap<>();
		for (AgencyAssessments.Request request : group) {
			List<Standing> own = Objects.requireNonNullElse(byAgency.get(request.agencyCode()), List.of());
			result.put(request, new AgencyAssessments(
					AgencyScoresController.history(request.agencyCode(), Map.of(request.agencyCode(), 0), own)));
		}
		return result;
	}

}
