package vn.egov.dashboard.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorStrategy;

import vn.egov.dashboard.compiled.SqlJson;
import vn.egov.dashboard.compiled.SqlJsonType;
import vn.egov.dashboard.graphql.Page;

import static vn.egov.dashboard.compiled.SqlJsonType.column;
import static vn.egov.dashboard.compiled.SqlJsonType.dateTime;

/**
 * {@code plan}, {@code plans}, {@code task} and the fields of {@code Plan}, {@code Task}
 * and {@code TaskReport} in SQL, for compiled queries: the rows, filters and order of
 * {@link PlanRepository} and {@link TaskRepository}, whose SQL they share, and the rules
 * of {@link Plan#late} and {@link TaskReport#late}. The documents of plans and tasks are
 * compiled once {@code LegalDocument} has SQL forms (over rows of legal_document).
 */
@Configuration(proxyBeanMethods = false)
class PlanSqlJson {

	@Bean
	SqlJsonType planQueries(CursorStrategy<ScrollPosition> cursors) {
		return new SqlJsonType("Query",
				Map.of("plan", (field, row) -> field.one("Plan", "plan", "id", field.bind(field.id("id"), Long.class)),
						"plans", (field, row) -> plans(field, cursors), "task",
						(field, row) -> field.one("Task", "task", "id", field.bind(field.id("id"), Long.class))),
				Map.of("plan", Set.of("id"), "plans", Set.of("filter", "first", "after"), "task", Set.of("id")));
	}

	/** A plan: a row of the table plan. */
	@Bean
	SqlJsonType planFields(Clock clock) {
		return new SqlJsonType("Plan",
				Map.ofEntries(column("id", "id::text"), column("kind", "kind"), column("title", "title"),
						number("periodStart", "period_start"), number("periodEnd", "period_end"),
						column("status", "status"), column("dueOn", "due_on"), column("submittedOn", "submitted_on"),
						column("approvedOn", "approved_on"), column("note", "note"),
						Map.entry("late",
								(field, row) -> SqlJson
									.literal(Plan.late(row, field.bind(LocalDate.now(clock), LocalDate.class)))),
						Map.entry("agency",
								(field, row) -> field.one("Agency", "agency", "code", row + ".agency_code")),
						Map.entry("guidingDocument",
								(field, row) -> field.one("LegalDocument", "legal_document", "id",
										row + ".guiding_document_id")),
						Map.entry("approvingDocument", (field, row) -> field.one("LegalDocument", "legal_document",
								"id", row + ".approving_document_id"))));
	}

	/** A document's tasks, in the order of {@link TaskRepository#findByDocumentIds}. */
	@Bean
	SqlJsonType documentTasks() {
		return new SqlJsonType("LegalDocument", Map.of("tasks", (field, row) -> {
			String task = field.alias();
			return SqlJson.list(field.object("Task", task),
					"FROM task " + task + " WHERE " + task + ".document_id = " + row + ".id",
					task + ".number, " + task + ".id");
		}));
	}

	/** A task: a row of the table task. */
	@Bean
	SqlJsonType taskFields() {
		return new SqlJsonType("Task", Map.ofEntries(column("id", "id::text"), number("number", "number"),
				column("title", "title"), column("dueOn", "due_on"),
				Map.entry("document",
						(field, row) -> field.one("LegalDocument", "legal_document", "id", row + ".document_id")),
				Map.entry("reports", (field, row) -> {
					// each agency's current report, by agency as findReports orders them
					String report = field.alias();
					return SqlJson.list(field.object("TaskReport", report),
							"FROM (" + TaskRepository.reports(true, "r.task_id = " + row + ".id")
									+ TaskRepository.CURRENT_ORDER + ") " + report,
							report + ".agency_code");
				}), Map.entry("reportHistory", (field, row) -> {
					String agency = field.bind(field.argument("agencyCode"), String.class);
					String report = field.alias();
					return SqlJson
						.list(field.object("TaskReport", report), "FROM ("
								+ TaskRepository.reports(false,
										"r.task_id = " + row + ".id AND (cast(" + agency
												+ " AS text) IS NULL OR r.agency_code = " + agency + ")")
								+ ") " + report, report + ".id");
				})), Map.of("reportHistory", Set.of("agencyCode")));
	}

	/** A report: a row of {@link TaskRepository#reports}. */
	@Bean
	SqlJsonType taskReportFields() {
		return new SqlJsonType("TaskReport", Map.ofEntries(column("status", "status"),
				column("reportedOn", "reported_on"), column("note", "note"),
				Map.entry("late", (field, row) -> SqlJson.literal(TaskReport.late(row))),
				dateTime("recordedAt", "recorded_at"),
				Map.entry("agency", (field, row) -> field.one("Agency", "agency", "code", row + ".agency_code"))));
	}

	/**
	 * The connection, paged as {@link PlanController#plans} pages it: the cursor read by
	 * the same strategy and {@code first} checked by {@link Page}. A request they refuse
	 * is left to the ordinary path, which explains why.
	 */
	private static String plans(SqlJson.Field field, CursorStrategy<ScrollPosition> cursors) {
		Page page = field.page(cursors);
		Long afterId = field.afterKey(page, (p) -> p.longKey("id"));
		Map<?, ?> given = (field.argument("filter") instanceof Map<?, ?> map) ? map : Map.of();
		Object kind = given.get("kind");
		Object status = given.get("status");
		String filter = PlanRepository.filter(field.bind(given.get("agencyCode"), String.class),
				field.bind(given.get("year"), Integer.class),
				field.bind((kind != null) ? kind.toString() : null, String.class),
				field.bind((status != null) ? status.toString() : null, String.class));
		String rows = PlanRepository.page("*", filter, field.bind(afterId, Long.class),
				field.bind(page.fetchSize(), Integer.class));
		return field.connection("Plan",
				new SqlJson.Page(rows, List.of("id"), page.size(), "(SELECT count(*) FROM plan " + filter + ")", true));
	}

	private static Map.Entry<String, SqlJsonType.FieldSql> number(String name, String column) {
		return Map.entry(name, (field, row) -> SqlJson.literal(row + "." + column));
	}

}
