package vn.egov.dashboard.agency;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.execution.DataFetcherResult;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.graphql.Batches;
import vn.egov.dashboard.graphql.Connections;
import vn.egov.dashboard.graphql.Page;

/**
 * Agencies and their history: {@code successor}, {@code predecessors}, parent and
 * children.
 */
@Controller
class AgencyController {

	private final AgencyRepository agencies;

	private final Clock clock;

	AgencyController(AgencyRepository agencies, Clock clock) {
		this.agencies = agencies;
		this.clock = clock;
	}

	@QueryMapping
	Mono<Agency> agency(@Argument String code) {
		return this.agencies.findByCode(code);
	}

	@QueryMapping
	Mono<DataFetcherResult<Window<Agency>>> agencies(@Argument @Nullable AgencyFilter filter, ScrollSubrange subrange) {
		AgencyFilter given = (filter != null) ? filter : AgencyFilter.NONE;
		Page page = Page.of(subrange);
		return this.agencies.find(given, page)
			.collectList()
			.map((rows) -> Connections.of(page.window(rows, (a) -> Map.of("code", a.code())),
					this.agencies.count(given)));
	}

	@SchemaMapping
	boolean validOn(Agency agency, @Argument @Nullable LocalDate date) {
		return agency.validOn((date != null) ? date : LocalDate.now(this.clock));
	}

	@SchemaMapping
	CompletableFuture<@Nullable Agency> successor(Agency agency, DataLoader<String, Agency> loader) {
		return load(agency.successorCode(), loader);
	}

	@SchemaMapping
	CompletableFuture<@Nullable Agency> parent(Agency agency, DataLoader<String, Agency> loader) {
		return load(agency.parentCode(), loader);
	}

	@BatchMapping
	Mono<Map<Agency, List<Agency>>> predecessors(List<Agency> agencies) {
		return this.agencies.findPredecessors(agencies.stream().map(Agency::code).toList())
			.map((byCode) -> Batches.byKey(agencies, Agency::code, byCode));
	}

	@BatchMapping
	Mono<Map<Agency, List<Agency>>> children(List<Agency> agencies) {
		return this.agencies.findChildren(agencies.stream().map(Agency::code).toList())
			.map((byCode) -> Batches.byKey(agencies, Agency::code, byCode));
	}

	private static CompletableFuture<@Nullable Agency> load(@Nullable String code, DataLoader<String, Agency> loader) {
		return (code != null) ? loader.load(code) : CompletableFuture.completedFuture(null);
	}

}
