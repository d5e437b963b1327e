package vn.egov.dashboard.assessment;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.document.LegalDocument;
import vn.egov.dashboard.graphql.Batches;

/**
 * Frameworks and rounds: their categories, blocks, methodology documents and counts.
 */
@Controller
class AssessmentRoundController {

	private final AssessmentRepository assessments;

	AssessmentRoundController(AssessmentRepository assessments) {
		this.assessments = assessments;
	}

	@QueryMapping
	Flux<AssessmentFramework> assessmentFrameworks() {
		return this.assessments.findFrameworks();
	}

	@QueryMapping
	Flux<AssessmentRound> assessmentRounds(@Argument @Nullable Framework framework) {
		return this.assessments.findRounds(framework);
	}

	@QueryMapping
	Mono<AssessmentRound> assessmentRound(@Argument Framework framework, @Argument int year) {
		return this.assessments.findRound(framework, year);
	}

	@BatchMapping(typeName = "AssessmentFramework")
	Mono<Map<AssessmentFramework, List<AssessmentRound>>> rounds(List<AssessmentFramework> frameworks) {
		return this.assessments.findRounds(null)
			.collectMultimap(AssessmentRound::framework)
			.map((byFramework) -> Batches.byKey(frameworks, AssessmentFramework::code, byFramework));
	}

	@SchemaMapping(typeName = "AssessmentRound")
	CompletableFuture<@Nullable LegalDocument> methodologyDocument(AssessmentRound round,
			DataLoader<Long, LegalDocument> documents) {
		return (round.methodologyDocumentId() != null) ? documents.load(round.methodologyDocumentId())
				: CompletableFuture.completedFuture(null);
	}

	@BatchMapping(typeName = "AssessmentRound")
	Mono<Map<AssessmentRound, List<AssessmentCategory>>> categories(List<AssessmentRound> rounds) {
		return this.assessments.findCategories(ids(rounds))
			.collectMultimap(AssessmentCategory::roundId)
			.map((byRound) -> Batches.byKey(rounds, AssessmentRound::id, byRound));
	}

	@BatchMapping(typeName = "AssessmentRound")
	Mono<Map<AssessmentRound, List<RoundBlock>>> blocks(List<AssessmentRound> rounds) {
		return this.assessments.findBlockSummaries(ids(rounds))
			.map((byRound) -> Batches.byKey(rounds, AssessmentRound::id, byRound));
	}

	@SchemaMapping(typeName = "AssessmentRound")
	CompletableFuture<Integer> scoreCount(AssessmentRound round, DataLoader<Long, RoundCounts> counts) {
		return counts.load(round.id()).thenApply(RoundCounts::scoreCount);
	}

	@SchemaMapping(typeName = "AssessmentRound")
	CompletableFuture<Integer> publishedScoreCount(AssessmentRound round, DataLoader<Long, RoundCounts> counts) {
		return counts.load(round.id()).thenApply(RoundCounts::publishedScoreCount);
	}

	@SchemaMapping(typeName = "AssessmentRound")
	CompletableFuture<Integer> sampleScoreCount(AssessmentRound round, DataLoader<Long, RoundCounts> counts) {
		return counts.load(round.id()).thenApply(RoundCounts::sampleScoreCount);
	}

	@SchemaMapping(typeName = "AssessmentRound")
	CompletableFuture<Integer> agencyCount(AssessmentRound round, DataLoader<Long, RoundCounts> counts) {
		return counts.load(round.id()).thenApply(RoundCounts::agencyCount);
	}

	private static Collection<Long> ids(List<AssessmentRound> rounds) {
		return rounds.stream().map(AssessmentRound::id).collect(Collectors.toSet());
	}

}
