package vn.egov.dashboard.poll;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.graphql.Connections;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.traffic.Granularity;
import vn.egov.dashboard.traffic.Site;
import vn.egov.dashboard.visitor.Visitor;

/**
 * Polls: queries, results per day, and the {@code castVote} mutation.
 */
@Controller
class PollController {

	static final int MAX_DAYS = 1000;

	private final PollRepository polls;

	private final PollService service;

	private final Clock clock;

	/** The DataLoader reading the votes per day of every poll of a level at once. */
	static final String VOTES_PER_DAY = "pollVotesPerDay";

	PollController(PollRepository polls, PollService service, Clock clock, BatchLoaderRegistry loaders) {
		this.polls = polls;
		this.service = service;
		this.clock = clock;
		loaders.<PollRepository.DayRange, List<PollRepository.DayCount>>forName(VOTES_PER_DAY)
			.registerMappedBatchLoader((ranges, env) -> polls.votesPerDay(List.copyOf(ranges)));
	}

	@QueryMapping
	Mono<Poll> poll(@Argument String id) {
		return this.polls.findById(Ids.parse("id", id));
	}

	@QueryMapping
	Mono<DataFetcherResult<Window<Poll>>> polls(@Argument @Nullable String siteCode, @Argument @Nullable Boolean active,
			ScrollSubrange subrange) {
		Page page = Page.of(subrange);
		Instant now = this.clock.instant();
		return this.polls.find(siteCode, active, now, page)
			.collectList()
			.map((rows) -> Connections.of(page.window(rows, (p) -> Map.of("id", p.id())),
					this.polls.count(siteCode, active, now)));
	}

	/**
	 * Public: every selection drew a token from the client's vote budget before the
	 * operation ran ({@link PollConfiguration}).
	 */
	@MutationMapping
	Mono<Poll> castVote(@Argument String pollId, @Argument String optionId,
			@ContextValue(name = Visitor.CONTEXT_KEY) Visitor visitor) {
		return this.service.castVote(pollId, optionId, visitor);
	}

	@SchemaMapping
	CompletableFuture<Site> site(Poll poll, DataLoader<String, Site> sites) {
		return sites.load(poll.siteCode());
	}

	@SchemaMapping
	boolean active(Poll poll) {
		return poll.openAt(this.clock.instant());
	}

	/**
	 * One entry per local day from {@code from} to {@code to} (default: opening day to
	 * today or the closing day).
	 */
	@SchemaMapping
	CompletableFuture<List<PollDay>> votesPerDay(Poll poll, @Argument @Nullable LocalDate from,
			@Argument @Nullable LocalDate to, DataFetchingEnvironment env) {
		LocalDate first = (from != null) ? from : poll.opensAt().atZoneSameInstant(Granularity.ZONE).toLocalDate();
		LocalDate last = (to != null) ? to : lastDay(poll);
		if (last.isBefore(first)) {
			throw new InvalidInputException("to", "must not be before from (" + first + ")");
		}
		if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
			throw new InvalidInputException("from", "and to must span at most " + MAX_DAYS + " days");
		}
		Instant start = first.atStartOfDay(Granularity.ZONE).toInstant();
		Instant end = last.plusDays(1).atStartOfDay(Granularity.ZONE).toInstant();
		DataLoader<PollRepository.DayRange, List<PollRepository.DayCount>> loader = env.getDataLoader(VOTES_PER_DAY);
		return loader.load(new PollRepository.DayRange(poll.id(), start, end)).thenApply((counts) -> {
			Map<LocalDate, Map<Long, Long>> byDay = new HashMap<>();
			counts.forEach((c) -> byDay.computeIfAbsent(c.day(), (d) -> new HashMap<>()).put(c.optionId(), c.votes()));
			List<PollDay> days = new ArrayList<>();
			for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
				Map<Long, Long> ofDay = byDay.getOrDefault(day, Map.of());
				List<PollDay.OptionCount> options = poll.options()
					.stream()
					.map((o) -> new PollDay.OptionCount(o.id(), o.label(), ofDay.getOrDefault(o.id(), 0L)))
					.toList();
				days.add(new PollDay(day, options.stream().mapToLong(PollDay.OptionCount::votes).sum(), options));
			}
			return days;
		});
	}

	/**
	 * Vote rejections carry their reason as {@code extensions.code} beside the argument
	 * in {@code field}.
	 */
	@GraphQlExceptionHandler
	GraphQLError voteRejected(VoteRejectedException ex, DataFetchingEnvironment env) {
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.BAD_REQUEST)
			.message(ex.getMessage())
			.extensions(Map.of("field", ex.field(), "code", ex.reason().name()))
			.build();
	}

	private LocalDate lastDay(Poll poll) {
		LocalDate today = LocalDate.now(this.clock.withZone(Granularity.ZONE));
		if (poll.closesAt() == null) {
			return today;
		}
		LocalDate closed = poll.closesAt().toInstant().minusNanos(1).atZone(Granularity.ZONE).toLocalDate();
		return closed.isBefore(today) ? closed : today;
	}

}
