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

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import vn.egov.dashboard.agency.AgencyKind;
import vn.egov.dashboard.progress.ProgressCalculator.Point;
import vn.egov.dashboard.progress.TargetRepository.SeriesRow;

/**
 * Computes progress for many targets at once: one series query per distinct {@code asOf},
 * however many targets a request asks about.
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

	/** Progress of one target as of one date: the key of the progress DataLoader. */
	record ProgressRequest(Target target, LocalDate asOf) {
	}

	/** Every covered agency's progress, worst first, and the roll-up. */
	public record TargetProgress(List<Progress> agencies, TargetSummary summary) {
	}

	/** A target with its progress. */
	public record Standing(Target target, TargetProgress progress) {
	}

	private final TargetRepository targets;

	ProgressService(TargetRepository targets) {
		this.targets = targets;
	}

	/** Every target with its progress as of {@code asOf}. */
	public Mono<List<Standing>> standings(LocalDate asOf) {
		return this.targets.find(null, null, null).collectList().flatMap((all) -> {
			Set<ProgressRequest> requests = all.stream()
				.map((target) -> new ProgressRequest(target, asOf))
				.collect(Collectors.toSet());
			return progress(requests).map((byRequest) -> all.stream()
				.map((target) -> new Standing(target, byRequest.get(new ProgressRequest(target, asOf))))
				.toList());
		});
	}

	Mono<Map<ProgressRequest, TargetProgress>> progress(Set<ProgressRequest> requests) {
		Set<String> indicatorCodes = requests.stream()
			.map((r) -> r.target().indicatorCode())
			.collect(Collectors.toSet());
		Mono<Map<String, Indicator>> indicators = this.targets.findIndicators(indicatorCodes)
			.collectMap(Indicator::code);
		Map<LocalDate, List<ProgressRequest>> byDate = requests.stream()
			.collect(Collectors.groupingBy(ProgressRequest::asOf));
		return indicators.flatMap((indicatorMap) -> Flux.fromIterable(byDate.entrySet())
			.concatMap((entry) -> this.targets.findSeries(indicatorCodes, entry.getKey())
				.collectList()
				.map((rows) -> compute(entry.getValue(), indicatorMap, rows)))
			.collect(HashMap<ProgressRequest, TargetProgress>::new, Map::putAll));
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
			List<Progress> progress = new ArrayList<>();
			series.getOrDefault(target.indicatorCode(), Map.of()).forEach((agencyCode, agencyRows) -> {
				if (covers(target, agencyCode, agencyRows.get(0).agencyKind())) {
					List<Point> points = agencyRows.stream().map((r) -> new Point(r.period(), r.value())).toList();
					progress.add(ProgressCalculator.compute(target, indicator, agencyCode, points, request.asOf()));
				}
			});
			if (target.scope() == TargetScope.AGENCY && progress.isEmpty() && target.agencyCode() != null) {
				progress
					.add(ProgressCalculator.compute(target, indicator, target.agencyCode(), List.of(), request.asOf()));
			}
			progress.sort(WORST_FIRST);
			result.put(request, new TargetProgress(List.copyOf(progress), TargetSummary.of(progress)));
		}
		return result;
	}

	private static boolean covers(Target target, String agencyCode, AgencyKind kind) {
		return switch (target.scope()) {
			case NATIONAL -> true;
			case AGENCY -> agencyCode.equals(target.agencyCode());
			case BLOCK -> BLOCKS.getOrDefault(target.block(), Set.of()).contains(kind);
		};
	}

	private static final Comparator<Progress> WORST_FIRST = Comparator.comparing(Progress::status)
		.thenComparing((Progress p) -> (p.gap() != null) ? -p.gap() : 0)
		.thenComparing(Progress::agencyCode);

}
