package vn.egov.dashboard.plan;

import java.time.LocalDate;
import java.util.Collection;
import java.util.function.BiFunction;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import vn.egov.dashboard.graphql.Page;
import vn.egov.dashboard.system.Binds;

/**
 * Reads and writes plans. Writes go through {@link PlanService}, which checks them first.
 */
@Repository
public class PlanRepository {

	private static final String COLUMNS = """
			id, agency_code, kind, title, period_start, period_end, status, guiding_document_id,
			approving_document_id, due_on, submitted_on, approved_on, note""";

	private static final String FILTER = filter(":agencyCode", ":year", ":kind", ":status");

	private static final String FIND_PAGE = page(COLUMNS, FILTER, ":afterId", ":limit");

	private static final String INSERT = """
			INSERT INTO plan (agency_code, kind, title, period_start, period_end, guiding_document_id, due_on)
			VALUES (:agencyCode, :kind, :title, :periodStart, :periodEnd, :guidingDocumentId, :dueOn)
			RETURNING """ + " " + COLUMNS;

	/**
	 * Moves a plan only if it still has the status the caller checked: concurrent steps
	 * cannot both win.
	 */
	private static final String ADVANCE = """
			UPDATE plan
			   SET status = :to,
			       submitted_on = CASE WHEN :to = 'SUBMITTED' THEN cast(:on AS date) ELSE submitted_on END,
			       approved_on = CASE WHEN :to = 'APPROVED' THEN cast(:on AS date) ELSE approved_on END,
			       approving_document_id = coalesce(cast(:approvingDocumentId AS bigint), approving_document_id),
			       updated_at = now()
			 WHERE id = :id AND status = :from
			RETURNING""" + " " + COLUMNS;

	private final DatabaseClient db;

	PlanRepository(DatabaseClient db) {
		this.db = db;
	}

	public Mono<Plan> findById(long id) {
		return this.db.sql("SELECT " + COLUMNS + " FROM plan WHERE id = :id").bind("id", id).map(MAPPER).one();
	}

	public Flux<Plan> findByIds(Collection<Long> ids) {
		return this.db.sql("SELECT " + COLUMNS + " FROM plan WHERE id = ANY (:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.map(MAPPER)
			.all();
	}

	Flux<Plan> find(PlanFilter filter, Page page) {
		GenericExecuteSpec spec = bindFilter(this.db.sql(FIND_PAGE), filter).bind("limit", page.fetchSize());
		spec = (page.after() != null) ? spec.bind("afterId", page.longKey("id")) : spec.bindNull("afterId", Long.class);
		return spec.map(MAPPER).all();
	}

	Mono<Long> count(PlanFilter filter) {
		return bindFilter(this.db.sql("SELECT count(*) FROM plan " + FILTER), filter)
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	Mono<Plan> insert(String agencyCode, PlanKind kind, String title, int periodStart, int periodEnd,
			@Nullable Long guidingDocumentId, @Nullable LocalDate dueOn) {
		GenericExecuteSpec spec = this.db.sql(INSERT)
			.bind("agencyCode", agencyCode)
			.bind("kind", kind.name())
			.bind("title", title)
			.bind("periodStart", periodStart)
			.bind("periodEnd", periodEnd);
		spec = Binds.orNull(spec, "guidingDocumentId", guidingDocumentId, Long.class);
		spec = Binds.orNull(spec, "dueOn", dueOn, LocalDate.class);
		return spec.map(MAPPER).one();
	}

	/** Empty when the plan no longer has status {@code from}. */
	Mono<Plan> advance(long id, PlanStatus from, PlanStatus to, LocalDate on, @Nullable Long approvingDocumentId) {
		GenericExecuteSpec spec = this.db.sql(ADVANCE)
			.bind("id", id)
			.bind("from", from.name())
			.bind("to", to.name())
			.bind("on", on);
		return Binds.orNull(spec, "approvingDocumentId", approvingDocumentId, Long.class).map(MAPPER).one();
	}

	/**
	 * The WHERE clause of a {@code PlanFilter}, each argument a placeholder or bound
	 * parameter (null: any).
	 */
	static String filter(String agencyCode, String year, String kind, String status) {
		return """
				WHERE (cast(%1$s AS text) IS NULL OR agency_code = %1$s)
				  AND (cast(%2$s AS int) IS NULL OR %2$s BETWEEN period_start AND period_end)
				  AND (cast(%3$s AS text) IS NULL OR kind = %3$s)
				  AND (cast(%4$s AS text) IS NULL OR status = %4$s)
				""".formatted(agencyCode, year, kind, status);
	}

	/**
	 * The rows of a page of plans matching {@code filter}, newest first, after the plan
	 * {@code afterId} when it is not null.
	 */
	static String page(String columns, String filter, String afterId, String limit) {
		return "SELECT " + columns + " FROM plan " + filter + """
				  AND (cast(%1$s AS bigint) IS NULL OR id < %1$s)
				ORDER BY id DESC
				LIMIT %2$s
				""".formatted(afterId, limit);
	}

	private static GenericExecuteSpec bindFilter(GenericExecuteSpec spec, PlanFilter filter) {
		spec = Binds.orNull(spec, "agencyCode", filter.agencyCode(), String.class);
		spec = Binds.orNull(spec, "year", filter.year(), Integer.class);
		spec = Binds.orNull(spec, "kind", (filter.kind() != null) ? filter.kind().name() : null, String.class);
		return Binds.orNull(spec, "status", (filter.status() != null) ? filter.status().name() : null, String.class);
	}

	private static final BiFunction<Row, RowMetadata, Plan> MAPPER = (row, meta) -> new Plan(row.get("id", Long.class),
			row.get("agency_code", String.class), PlanKind.valueOf(row.get("kind", String.class)),
			row.get("title", String.class), row.get("period_start", Integer.class),
			row.get("period_end", Integer.class), PlanStatus.valueOf(row.get("status", String.class)),
			row.get("guiding_document_id", Long.class), row.get("approving_document_id", Long.class),
			row.get("due_on", LocalDate.class), row.get("submitted_on", LocalDate.class),
			row.get("approved_on", LocalDate.class), row.get("note", String.class));

}
