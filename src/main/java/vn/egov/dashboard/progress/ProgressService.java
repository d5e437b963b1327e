package vn.egov.dashboard.progress;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import vn.egov.dashboard.agency.AgencyKind;
import vn.egov.dashboard.progress.ProgressCalculator.Point;
import vn.egov.dashboard.progress.TargetRepository.SeriesRow;

/**
 * Computes progress for many targets at once: one series query per distinct {@code asOf}
 * (and {@code publishedOnly}), however many targets a request asks about. The one place
 * progress is computed: the API, the subscriptions and the gauges all read it here.
 */
@Service
public class ProgressService {

	/**
	 * Which agencies a BLOCK target covers. DISTRICTS and COMMUNES name levels this API
	 * does not hold.
	 */
	static final Map<String, Set<AgencyKind>> BLOCKS = Map.of("MINISTRIES",
			EnumSet.of(AgencyKind.MINISTRY, AgencyKind.MINISTERIAL_AGENCY), "GOVERNMENT_AGENCIES",
			EnumSet.of(AgencyKind.GOVERNMENT_AGENCY), "PROVINCES", EnumSet.of(AgencyKind.PROVINCE),
			"MINISTRIES_AND_PROVINCES",
			EnumSet.of(AgencyKind.MINISTRY, AgencyKind.MINISTERIAL_AGENCY, AgencyKind.GOVERNMENT_AGENCY,
					AgencyKind.PROVINCE),
			"EACH_AGENCY", EnumSet.of(AgencyKind.MINISTRY, AgencyKind.MINISTERIAL_AGENCY, AgencyKind.GOVERNMENT_AGENCY,
					AgencyKind.PROVINCE));

	/** The agency whose values are the country's own figures. */
	public static final String NATION = "VN";

	/**
	 * Progress of one target as of one date, with or without sample values: the key of
	 * the progress DataLoader.
	 */
	record ProgressRequest(Target target, LocalDate asOf, boolean publishedOnly) {
	}

	/**
	 * Every covered agency's progress, worst first, the roll-up, and the country's own
	 * progress (agency {@link #NATION}; null for a target of one agency). A national
	 * target covers the country: when it has no value, it is listed as NO_DATA.
	 */
	public record TargetProgress(List<Progress> agencies, TargetSummary summary, @Nullable Progress national) {
	}

	/** A target with its progress. */
	public record Standing(Target target, TargetProgress progress) {
	}

	private final TargetRepository targets;

	ProgressService(TargetRepository targets) {
		this.targets = targets;
	}

	/** Every target with its progress as of {@code asOf}, sample values included. */
	public Mono<List<Standing>> standings(LocalDate asOf) {
		return standings(asOf, false);
	}

	/**
	 * Every target with its progress as of {@code asOf}; {@code publishedOnly} leaves
	 * generated sample values out.
	 */
	public Mono<List<Standing>> standings(LocalDate asOf, boolean publishedOnly) {
		return this.targets.find(null, null, null).collectList().flatMap((all) -> {
			Set<ProgressRequest> requests = all.stream()
				.map((target) -> new ProgressRequest(target, asOf, publishedOnly))
				.collect(Collectors.toSet());
			return progress(requests).map((byRequest) -> all.stream()
				.map((target) -> new Standing(target, byRequest.get(new ProgressRequest(target, asOf, publishedOnly))))
				.toList());
		});
	}

	Mono<Map<ProgressRequest, TargetProgress>> progress(Set<ProgressRequest> requests) {
		Set<String> indicatorCodes = requests.stream()
			.map((r) -> r.target().indicatorCode())
			.collect(Collectors.toSet());
		Mono<Map<String, Indicator>> indicators = this.targets.findIndicators(indicatorCodes)
			.collectMap(Indicator::code);
		Map<SeriesKey, List<ProgressRequest>> bySeries = requests.stream()
			.collect(Collectors.groupingBy((r) -> new SeriesKey(r.asOf(), r.publishedOnly())));
		return indicators.flatMap((indicatorMap) -> Flux.fromIterable(bySeries.entrySet())
			.concatMap((entry) -> this.targets
				.findSeries(indicatorCodes, entry.getKey().asOf(), entry.getKey().publishedOnly())
				.collectList()
				.map((rows) -> compute(entry.getValue(), indicatorMap, rows)))
			.collect(HashMap<ProgressRequest, TargetProgress>::new, Map::putAll));
	}

	/** The values one series query reads: up to a date, with or without samples. */
	private record SeriesKey(LocalDate asOf, boolean publishedOnly) {
	}

	private static Map<ProgressRequest, TargetProgress> compute(List<ProgressRequest> requests,
			Map<String, Indicator> indicators, List<SeriesRow> rows) {
		Map<String, Map<String, List<SeriesRow>>> series = rows.stream()
			.collect(Collectors.groupingBy(SeriesRow::indicatorCode,
					Collectors.groupingBy(SeriesRow::agencyCode, LinkedHashMap::new, Collectors.toList())));
		Map<ProgressRequest, TargetProgress> result = new HashMap<>();
		for (ProgressRequest request : requests) {
			Target target = request.target();
			Indicator indicator = indicators.get(target.indicatorCode());
			Map<String, List<SeriesRow>> byAgency = series.getOrDefault(target.indicatorCode(), Map.of());
			List<Progress> progress = new ArrayList<>();
			byAgency.forEach((agencyCode, agencyRows) -> {
				if (covers(target, agencyCode, agencyRows.get(0).agencyKind())) {
					progress.add(ProgressCalculator.compute(target, indicator, agencyCode, points(agencyRows),
							request.asOf()));
				}
			});
			String own = switch (target.scope()) {
				case AGENCY -> target.agencyCode();
				case NATIONAL -> NATION;
				case BLOCK -> null;
			};
			if (own != null && !byAgency.containsKey(own)) {
				progress.add(ProgressCalculator.compute(target, indicator, own, List.of(), request.asOf()));
			}
			Progress national = switch (target.scope()) {
				case AGENCY -> null;
				case NATIONAL ->
					progress.stream().filter((p) -> p.agencyCode().equals(NATION)).findFirst().orElseThrow();
				case BLOCK -> ProgressCalculator.compute(target, indicator, NATION,
						points(byAgency.getOrDefault(NATION, List.of())), request.asOf());
			};
			progress.sort(WORST_FIRST);
			result.put(request, new TargetProgress(List.copyOf(progress), TargetSummary.of(progress), national));
		}
		return result;
	}

	private static List<Point> points(List<SeriesRow> rows) {
		return rows.stream().map((r) -> new Point(r.period(), r.value(), r.sample(), r.measurementId())).toList();
	}

	private static boolean covers(Target target, String agencyCode, AgencyKind kind) {
		return switch (target.scope()) {
			case NATIONAL -> true;
			case AGENCY -> agencyCode.equals(target.agencyCode());
			case BLOCK -> BLOCKS.getOrDefault(target.block(), Set.of()).contains(kind);
		};
	}

	private static final Comparator<Progress> WORST_FIRST = Comparator
		.comparing(Progress::status, ProgressStatus.WORST_FIRST)
		.thenComparing((Progress p) -> (p.gap() != null) ? -p.gap() : 0)
		.thenComparing(Progress::agencyCode);

}
