package vn.egov.dashboard.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.function.BiFunction;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import vn.egov.dashboard.system.Binds;

/**
 * Reads tasks and writes agencies' reports on them.
 */
@Repository
class TaskRepository {

	private static final String TASK_COLUMNS = "id, document_id, number, title, due_on";

	/**
	 * The order of {@link #reports} that keeps each agency's current report on each task
	 * (the one recorded last) and lists them by task and agency.
	 */
	static final String CURRENT_ORDER = " ORDER BY r.task_id, r.agency_code, r.id DESC";

	/** Each agency's current report on each task: the one recorded last. */
	private static final String REPORTS = reports(true, "r.task_id = ANY (:ids)") + CURRENT_ORDER;

	/** Every report on the tasks, oldest first. */
	private static final String HISTORY = reports(false, "r.task_id = ANY (:ids)") + " ORDER BY r.task_id, r.id";

	/** A new report, kept beside the agency's earlier ones. */
	private static final String INSERT_REPORT = """
			WITH saved AS (
			  INSERT INTO task_report (task_id, agency_code, status, reported_on, note)
			  VALUES (:taskId, :agencyCode, :status, :reportedOn, :note)
			  RETURNING *)
			SELECT s.id, s.task_id, s.agency_code, s.status, s.reported_on, s.note, s.recorded_at, t.due_on
			  FROM saved s JOIN task t ON t.id = s.task_id
			""";

	private final DatabaseClient db;

	/**
	 * The reports (alias {@code r}) on the tasks that {@code condition} selects, each
	 * with its task's due date: rows of (id, task_id, agency_code, status, reported_on,
	 * note, recorded_at, due_on). With {@code current}, only each agency's current report
	 * on each task, the one recorded last: order them by task, agency and id descending.
	 */
	static String reports(boolean current, String condition) {
		return "SELECT " + (current ? "DISTINCT ON (r.task_id, r.agency_code) " : "") + """
				r.id, r.task_id, r.agency_code, r.status, r.reported_on, r.note, r.recorded_at, t.due_on
				  FROM task_report r JOIN task t ON t.id = r.task_id
				 WHERE """ + " " + condition;
	}

	TaskRepository(DatabaseClient db) {
		this.db = db;
	}

	Mono<Task> findById(long id) {
		return this.db.sql("SELECT " + TASK_COLUMNS + " FROM task WHERE id = :id").bind("id", id).map(TASK).one();
	}

	Flux<Task> findByDocumentIds(Collection<Long> documentIds) {
		return this.db.sql("SELECT " + TASK_COLUMNS + " FROM task WHERE document_id = ANY (:ids) ORDER BY number, id")
			.bind("ids", documentIds.toArray(Long[]::new))
			.map(TASK)
			.all();
	}

	Flux<TaskReport> findReports(Collection<Long> taskIds) {
		return this.db.sql(REPORTS).bind("ids", taskIds.toArray(Long[]::new)).map(REPORT).all();
	}

	Flux<TaskReport> findHistory(Collection<Long> taskIds) {
		return this.db.sql(HISTORY).bind("ids", taskIds.toArray(Long[]::new)).map(REPORT).all();
	}

	Mono<TaskReport> saveReport(long taskId, String agencyCode, TaskStatus status, LocalDate reportedOn,
			@Nullable String note) {
		return Binds
			.orNull(this.db.sql(INSERT_REPORT)
				.bind("taskId", taskId)
				.bind("agencyCode", agencyCode)
				.bind("status", status.name())
				.bind("reportedOn", reportedOn), "note", note, String.class)
			.map(REPORT)
			.one();
	}

	private static final BiFunction<Row, RowMetadata, Task> TASK = (row, meta) -> new Task(row.get("id", Long.class),
			row.get("document_id", Long.class), row.get("number", Integer.class), row.get("title", String.class),
			row.get("due_on", LocalDate.class));

	private static final BiFunction<Row, RowMetadata, TaskReport> REPORT = (row, meta) -> new TaskReport(
			row.get("id", Long.class), row.get("task_id", Long.class), row.get("agency_code", String.class),
			TaskStatus.valueOf(row.get("status", String.class)), row.get("reported_on", LocalDate.class),
			row.get("note", String.class), row.get("due_on", LocalDate.class),
			row.get("recorded_at", OffsetDateTime.class));

}
