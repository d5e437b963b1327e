package vn.egov.dashboard.compiled;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.normalized.ExecutableNormalizedField;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.util.RawValue;

import org.springframework.graphql.execution.ContextPropagationHelper;
import org.springframework.r2dbc.core.DatabaseClient;

import vn.egov.dashboard.graphql.GraphQlErrors;
import vn.egov.dashboard.graphql.Utf8Json;
import vn.egov.dashboard.system.DatabaseUnavailable;

/**
 * Runs a query as one SQL statement when every field it selects has a SQL form
 * ({@link SqlJsonType}): PostgreSQL builds the JSON of the whole {@code data} object,
 * which is written out as it comes. Any other query runs field by field as usual, and so
 * do compiled queries whose statement failed for a reason other than an unreachable
 * database, or that gave a non-null field no value, or whose SQL form read an argument it
 * does not declare or left one unread (logged: each is a bug of the SQL form); when the
 * database cannot be reached, the answer is the SERVICE_UNAVAILABLE error the ordinary
 * path gives, at once rather than after a second wait for a connection. A request can ask
 * for the usual path with the extension {@code "compiled": false} (to compare the two).
 */
final class CompiledExecutionStrategy extends AsyncExecutionStrategy {

	/** The request extension that turns compilation off for one request. */
	static final String EXTENSION = "compiled";

	/**
	 * The outcome of a compiled statement that answered NULL: a condition did not hold,
	 * the ordinary path answered.
	 */
	static final String FALLBACK = "fallback";

	private static final Log logger = LogFactory.getLog(CompiledExecutionStrategy.class);

	private final Map<String, Map<String, SqlJsonType.FieldSql>> types;

	private final DatabaseClient db;

	private final Counter compiled;

	private final Counter ordinary;

	private final MeterRegistry registry;

	CompiledExecutionStrategy(DataFetcherExceptionHandler exceptionHandler,
			Map<String, Map<String, SqlJsonType.FieldSql>> types, DatabaseClient db, MeterRegistry registry) {
		super(exceptionHandler);
		this.types = types;
		this.db = db;
		this.compiled = counter(registry, "compiled");
		this.ordinary = counter(registry, "ordinary");
		this.registry = registry;
	}

	@Override
	public CompletableFuture<ExecutionResult> execute(ExecutionContext context,
			ExecutionStrategyParameters parameters) {
		SqlJson query = new SqlJson(this.types, context.getGraphQLSchema());
		String statement = compile(context, query);
		if (statement == null) {
			this.ordinary.increment();
			return super.execute(context, parameters);
		}
		List<String> roots = context.getNormalizedQueryTree()
			.get()
			.getTopLevelFields()
			.stream()
			.map(ExecutableNormalizedField::getName)
			.distinct()
			.toList();
		if (logger.isDebugEnabled()) {
			logger.debug("Compiled statement: " + statement);
		}
		Timer.Sample sample = Timer.start(this.registry);
		return query.bind(this.db.sql(statement))
			.map((row) -> Optional.ofNullable(row.get(0, byte[].class)))
			.one()
			.doOnEach((signal) -> {
				if (signal.isOnNext() || signal.isOnError()) {
					String outcome = signal.isOnError() ? "error"
							: signal.get().isPresent() ? "ok" : CompiledExecutionStrategy.FALLBACK;
					roots.forEach((root) -> sample.stop(timer(root, outcome)));
				}
			})
			.flatMap((json) -> {
				if (json.isEmpty()) {
					// a condition of a field does not hold (an unknown round, …): the
					// ordinary path gives the error
					return Mono.<ExecutionResult>empty();
				}
				this.compiled.increment();
				return Mono
					.just(ExecutionResult.newExecutionResult().data(new RawValue(new Utf8Json(json.get()))).build());
			})
			.onErrorResume((ex) -> {
				if (DatabaseUnavailable.isCauseOf(ex)) {
					this.compiled.increment();
					return Mono.just(ExecutionResult.newExecutionResult()
						.addError(GraphQlErrors.databaseUnavailable(GraphqlErrorBuilder.newError()))
						.build());
				}
				logger.warn("Compiled statement failed; answering field by field: " + statement, ex);
				return Mono.empty();
			})
			.switchIfEmpty(Mono.defer(() -> ordinary(context, parameters)))
			// the request's context (which connection may answer it, see replica/), as
			// data
			// fetchers get it
			.contextWrite((reactor) -> ContextPropagationHelper.captureFrom(context.getGraphQLContext())
				.updateContext(reactor))
			.toFuture();
	}

	/** The query field by field, counted as answered on the ordinary path. */
	private Mono<ExecutionResult> ordinary(ExecutionContext context, ExecutionStrategyParameters parameters) {
		this.ordinary.increment();
		return Mono.fromFuture(() -> super.execute(context, parameters));
	}

	/** The statement answering the operation, or null when some field has no SQL form. */
	static @Nullable String compile(ExecutionContext context, SqlJson query) {
		if (Boolean.FALSE.equals(context.getExecutionInput().getExtensions().get(EXTENSION))) {
			return null;
		}
		try {
			List<ExecutableNormalizedField> fields = context.getNormalizedQueryTree().get().getTopLevelFields();
			if (fields.stream().allMatch((field) -> field.getName().equals("__typename"))) {
				return null; // nothing to read: the ordinary path answers it without a
								// round trip to PostgreSQL
			}
			return query.statement(fields);
		}
		catch (SqlJson.NotCompilable ex) {
			return null;
		}
		catch (SqlJson.FormMismatch ex) {
			logger.warn(ex.getMessage() + "; answering field by field");
			return null;
		}
	}

	/**
	 * The time of compiled statements by root field (one of the schema's, so the tag is
	 * bounded); a statement with several root fields is timed under each.
	 */
	private Timer timer(String root, String outcome) {
		return Timer.builder("egov.graphql.compiled")
			.description("Compiled statements by root field: their time from sending to the answer's JSON")
			.tag("field", root)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private static Counter counter(MeterRegistry registry, String path) {
		return Counter.builder("egov.graphql.queries")
			.description("Queries answered by one compiled SQL statement, or field by field")
			.tag("path", path)
			.register(registry);
	}

}
