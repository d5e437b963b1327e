package vn.egov.dashboard.progress;

import java.util.LinkedHashMap;
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
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.graphql.Connections;
import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.progress.MeasurementService.CorrectMeasurementInput;
import vn.egov.dashboard.progress.MeasurementService.RecordMeasurementInput;

/**
 * Measurements: the series of values, and the record and correct mutations.
 */
@Controller
class MeasurementController {

	private final MeasurementRepository measurements;

	private final MeasurementService service;

	MeasurementController(MeasurementRepository measurements, MeasurementService service,
			BatchLoaderRegistry registry) {
		this.measurements = measurements;
		this.service = service;
		registry.forTypePair(Long.class, Measurement.class)
			.registerMappedBatchLoader((ids, env) -> measurements.findByIds(ids).collectMap(Measurement::id));
	}

	@QueryMapping
	Mono<DataFetcherResult<Window<Measurement>>> measurements(@Argument String indicatorCode,
			@Argument @Nullable String agencyCode, @Argument @Nullable Boolean includeCorrected,
			ScrollSubrange subrange) {
		Page page = Page.of(subrange);
		boolean all = Boolean.TRUE.equals(includeCorrected);
		return this.measurements.find(indicatorCode, agencyCode, all, page)
			.collectList()
			.map((rows) -> Connections.of(page.window(rows, MeasurementController::cursor),
					this.measurements.count(indicatorCode, agencyCode, all)));
	}

	/**
	 * The sort keys of a measurement, in their order (the compiled path writes its
	 * cursors in the same order: {@code {"period":"2020-12-31","id":7}}).
	 */
	static Map<String, Object> cursor(Measurement measurement) {
		Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("period", measurement.period().toString());
		keys.put("id", measurement.id());
		return keys;
	}

	@MutationMapping
	Mono<Measurement> recordMeasurement(@Argument RecordMeasurementInput input) {
		return this.service.record(input);
	}

	@MutationMapping
	Mono<Measurement> correctMeasurement(@Argument CorrectMeasurementInput input) {
		return this.service.correct(input);
	}

	@SchemaMapping(typeName = "Measurement")
	CompletableFuture<Indicator> indicator(Measurement measurement, DataLoader<String, Indicator> indicators) {
		return indicators.load(measurement.indicatorCode());
	}

	@SchemaMapping(typeName = "Measurement")
	CompletableFuture<Agency> agency(Measurement measurement, DataLoader<String, Agency> agencies) {
		return agencies.load(measurement.agencyCode());
	}

	@SchemaMapping
	CompletableFuture<@Nullable Measurement> corrects(Measurement measurement, DataLoader<Long, Measurement> loader) {
		return (measurement.correctsId() != null) ? loader.load(measurement.correctsId())
				: CompletableFuture.completedFuture(null);
	}

	@SchemaMapping
	boolean corrected(Measurement measurement) {
		return measurement.replaced();
	}

}
