package vn.egov.dashboard.progress;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.document.LegalDocument;
import vn.egov.dashboard.graphql.Batches;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.plan.Plan;
import vn.egov.dashboard.progress.ProgressService.ProgressRequest;
import vn.egov.dashboard.progress.ProgressService.TargetProgress;

/**
 * Indicators, targets and their computed progress.
 */
@Controller
class TargetController {

	/** The {@code TargetFilter} input. */
	record TargetFilter(@Nullable String indicatorCode, @Nullable String agencyCode, @Nullable TargetScope scope) {
	}

	private final TargetRepository targets;

	private final Clock clock;

	TargetController(TargetRepository targets, ProgressService progress, Clock clock, BatchLoaderRegistry registry) {
		this.targets = targets;
		this.clock = clock;
		registry.forTypePair(ProgressRequest.class, TargetProgress.class)
			.registerMappedBatchLoader((requests, env) -> progress.progress(requests));
		registry.forTypePair(String.class, Indicator.class)
			.registerMappedBatchLoader((codes, env) -> targets.findIndicators(codes).collectMap(Indicator::code));
	}

	@QueryMapping
	Flux<Indicator> indicators() {
		return this.targets.findIndicators();
	}

	@QueryMapping
	Mono<Indicator> indicator(@Argument String code) {
		return this.targets.findIndicators(List.of(code)).next();
	}

	@QueryMapping
	Flux<Target> targets(@Argument @Nullable TargetFilter filter) {
		return (filter != null) ? this.targets.find(filter.indicatorCode(), filter.agencyCode(), filter.scope())
				: this.targets.find(null, null, null);
	}

	@QueryMapping
	Mono<Target> target(@Argument String id) {
		return this.targets.findById(Ids.parse("id", id));
	}

	@BatchMapping(typeName = "Indicator", field = "targets")
	Mono<Map<Indicator, List<Target>>> indicatorTargets(List<Indicator> indicators) {
		return this.targets.findByIndicators(indicators.stream().map(Indicator::code).toList())
			.collectMultimap(Target::indicatorCode)
			.map((byCode) -> Batches.byKey(indicators, Indicator::code, byCode));
	}

	@BatchMapping(typeName = "Plan", field = "targets")
	Mono<Map<Plan, List<Target>>> planTargets(List<Plan> plans) {
		return this.targets.findByPlans(plans.stream().map(Plan::id).toList())
			.collectMultimap(Target::planId)
			.map((byPlan) -> Batches.byKey(plans, Plan::id, byPlan));
	}

	@SchemaMapping
	CompletableFuture<Indicator> indicator(Target target, DataLoader<String, Indicator> indicators) {
		return indicators.load(target.indicatorCode());
	}

	@SchemaMapping(typeName = "Target")
	CompletableFuture<@Nullable Agency> agency(Target target, DataLoader<String, Agency> agencies) {
		return (target.agencyCode() != null) ? agencies.load(target.agencyCode())
				: CompletableFuture.completedFuture(null);
	}

	@SchemaMapping
	CompletableFuture<@Nullable LegalDocument> sourceDocument(Target target,
			DataLoader<Long, LegalDocument> documents) {
		return (target.sourceDocumentId() != null) ? documents.load(target.sourceDocumentId())
				: CompletableFuture.completedFuture(null);
	}

	@SchemaMapping
	CompletableFuture<@Nullable Plan> plan(Target target, DataLoader<Long, Plan> plans) {
		return (target.planId() != null) ? plans.load(target.planId()) : CompletableFuture.completedFuture(null);
	}

	@SchemaMapping
	CompletableFuture<List<Progress>> progress(Target target, @Argument @Nullable LocalDate asOf,
			@Argument @Nullable Boolean publishedOnly, DataLoader<ProgressRequest, TargetProgress> loader) {
		return loader.load(request(target, asOf, publishedOnly)).thenApply(TargetProgress::agencies);
	}

	@SchemaMapping
	CompletableFuture<TargetSummary> summary(Target target, @Argument @Nullable LocalDate asOf,
			@Argument @Nullable Boolean publishedOnly, DataLoader<ProgressRequest, TargetProgress> loader) {
		return loader.load(request(target, asOf, publishedOnly)).thenApply(TargetProgress::summary);
	}

	@SchemaMapping
	CompletableFuture<@Nullable Progress> national(Target target, @Argument @Nullable LocalDate asOf,
			@Argument @Nullable Boolean publishedOnly, DataLoader<ProgressRequest, TargetProgress> loader) {
		return loader.load(request(target, asOf, publishedOnly)).thenApply(TargetProgress::national);
	}

	@SchemaMapping(typeName = "Progress")
	CompletableFuture<Agency> agency(Progress progress, DataLoader<String, Agency> agencies) {
		return agencies.load(progress.agencyCode());
	}

	@SchemaMapping
	CompletableFuture<@Nullable Measurement> latestMeasurement(Progress progress,
			DataLoader<Long, Measurement> measurements) {
		return (progress.latestMeasurementId() != null) ? measurements.load(progress.latestMeasurementId())
				: CompletableFuture.completedFuture(null);
	}

	private ProgressRequest request(Target target, @Nullable LocalDate asOf, @Nullable Boolean publishedOnly) {
		return new ProgressRequest(target, (asOf != null) ? asOf : LocalDate.now(this.clock),
				Boolean.TRUE.equals(publishedOnly));
	}

}
