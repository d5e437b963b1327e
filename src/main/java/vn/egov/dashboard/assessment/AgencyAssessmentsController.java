package vn.egov.dashboard.assessment;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

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
 * {@code Agency.assessments}: each agency's own assessment results. Every agency of a request that asks with the
 * same arguments is answered by one read of the ranked scores, however many agencies the page holds.
 */
@Controller
class AgencyAssessmentsController {

	AgencyAssessmentsController(RankingRepository rankings, BatchLoaderRegistry registry) {
		registry.forTypePair(AgencyAssessments.Request.class, AgencyAssessments.class)
			.registerMappedBatchLoader((requests, env) -> load(rankings, requests));
	}

	@SchemaMapping(typeName = "Agency")
	CompletableFuture<List<AgencyRound>> assessments(Agency agency, @Argument @Nullable Framework framework,
			@Argument @Nullable Integer year, DataLoader<AgencyAssessments.Request, AgencyAssessments> loader) {
		return loader.load(new AgencyAssessments.Request(agency.code(), framework, year))
			.thenApply(AgencyAssessments::rounds);
	}

	/** One read per distinct (framework, year) among the requests; agencies without scores get an empty list. */
	static Mono<Map<AgencyAssessments.Request, AgencyAssessments>> load(RankingRepository rankings,
			Set<AgencyAssessments.Request> requests) {
		Map<List<Object>, List<AgencyAssessments.Request>> byArguments = requests.stream()
			.collect(Collectors.groupingBy((r) -> Arrays.asList(r.framework(), r.year())));
		return Flux.fromIterable(byArguments.values())
			.concatMap((group) -> {
				AgencyAssessments.Request first = group.get(0);
				Set<String> codes = group.stream().map(AgencyAssessments.Request::agencyCode).collect(Collectors.toSet());
				return rankings.findStandings(codes, first.framework(), first.year(), null)
					.collectList()
					.map((standings) -> answer(group, standings));
			})
			.collect(HashMap<AgencyAssessments.Request, AgencyAssessments>::new, Map::putAll);
	}

	private static Map<AgencyAssessments.Request, AgencyAssessments> answer(List<AgencyAssessments.Request> group,
			List<Standing> standings) {
		Map<String, List<Standing>> byAgency = standings.stream().collect(Collectors.groupingBy(Standing::agencyCode));
		Map<AgencyAssessments.Request, AgencyAssessments> result = new HashMap<>();
		for (AgencyAssessments.Request request : group) {
			List<Standing> own = Objects.requireNonNullElse(byAgency.get(request.agencyCode()), List.of());
			result.put(request, new AgencyAssessments(AgencyScoresController.history(request.agencyCode(),
					Map.of(request.agencyCode(), 0), own)));
		}
		return result;
	}

}
