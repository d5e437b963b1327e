package vn.egov.dashboard.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.execution.DataFetcherResult;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.document.LegalDocument;
import vn.egov.dashboard.graphql.Connections;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.plan.PlanInputs.AdvancePlanInput;
import vn.egov.dashboard.plan.PlanInputs.CreatePlanInput;

/**
 * Plans: queries, the create and advance mutations, and the plan's agency and documents.
 */
@Controller
class PlanController {

	private final PlanRepository plans;

	private final PlanService service;

	private final Clock clock;

	PlanController(PlanRepository plans, PlanService service, Clock clock) {
		this.plans = plans;
		this.service = service;
		this.clock = clock;
	}

	@QueryMapping
	Mono<Plan> plan(@Argument String id) {
		return this.plans.findById(Ids.parse("id", id));
	}

	@QueryMapping
	Mono<DataFetcherResult<Window<Plan>>> plans(@Argument @Nullable PlanFilter filter, ScrollSubrange subrange) {
		PlanFilter given = (filter != null) ? filter : PlanFilter.NONE;
		Page page = Page.of(subrange);
		return this.plans.find(given, page)
			.collectList()
			.map((rows) -> Connections.of(page.window(rows, (p) -> Map.of("id", p.id())), this.plans.count(given)));
	}

	@MutationMapping
	Mono<Plan> createPlan(@Argument CreatePlanInput input) {
		return this.service.create(input);
	}

	@MutationMapping
	Mono<Plan> advancePlan(@Argument AdvancePlanInput input) {
		return this.service.advance(input);
	}

	@SchemaMapping
	CompletableFuture<Agency> agency(Plan plan, DataLoader<String, Agency> agencies) {
		return agencies.load(plan.agencyCode());
	}

	@SchemaMapping
	CompletableFuture<@Nullable LegalDocument> guidingDocument(Plan plan, DataLoader<Long, LegalDocument> documents) {
		return load(plan.guidingDocumentId(), documents);
	}

	@SchemaMapping
	CompletableFuture<@Nullable LegalDocument> approvingDocument(Plan plan, DataLoader<Long, LegalDocument> documents) {
		return load(plan.approvingDocumentId(), documents);
	}

	@SchemaMapping
	boolean late(Plan plan) {
		return plan.late(LocalDate.now(this.clock));
	}

	private static CompletableFuture<@Nullable LegalDocument> load(@Nullable Long id,
			DataLoader<Long, LegalDocument> documents) {
		return (id != null) ? documents.load(id) : CompletableFuture.completedFuture(null);
	}

}
