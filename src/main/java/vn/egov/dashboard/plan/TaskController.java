package vn.egov.dashboard.plan;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

import vn.egov.dashboard.agency.Agency;
import vn.egov.dashboard.document.LegalDocument;
import vn.egov.dashboard.graphql.Batches;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.plan.PlanInputs.ReportTaskInput;

/**
 * Tasks that documents assign, and agencies' reports on them.
 */
@Controller
class TaskController {

	/** The DataLoader of every report on a task, oldest first. */
	private static final String HISTORY = "taskReportHistory";

	private final TaskRepository tasks;

	private final TaskService service;

	TaskController(TaskRepository tasks, TaskService service, BatchLoaderRegistry registry) {
		this.tasks = tasks;
		this.service = service;
		registry.<Long, List<TaskReport>>forName(HISTORY)
			.registerMappedBatchLoader((ids, env) -> tasks.findHistory(ids)
				.collectMultimap(TaskReport::taskId)
				.map((byTask) -> Batches.byKey(ids, (id) -> id, byTask)));
	}

	@QueryMapping
	Mono<Task> task(@Argument String id) {
		return this.tasks.findById(Ids.parse("id", id));
	}

	@MutationMapping
	Mono<TaskReport> reportTask(@Argument ReportTaskInput input) {
		return this.service.report(input);
	}

	@BatchMapping(typeName = "LegalDocument")
	Mono<Map<LegalDocument, List<Task>>> tasks(List<LegalDocument> documents) {
		return this.tasks.findByDocumentIds(documents.stream().map(LegalDocument::id).toList())
			.collectMultimap(Task::documentId)
			.map((byDocument) -> Batches.byKey(documents, LegalDocument::id, byDocument));
	}

	@BatchMapping
	Mono<Map<Task, List<TaskReport>>> reports(List<Task> tasks) {
		return this.tasks.findReports(tasks.stream().map(Task::id).toList())
			.collectMultimap(TaskReport::taskId)
			.map((byTask) -> Batches.byKey(tasks, Task::id, byTask));
	}

	/** Every report on the task, oldest first; of one agency when it is named. */
	@SchemaMapping
	CompletableFuture<List<TaskReport>> reportHistory(Task task, @Argument @Nullable String agencyCode,
			DataFetchingEnvironment env) {
		DataLoader<Long, List<TaskReport>> history = env.getDataLoader(HISTORY);
		return history.load(task.id())
			.thenApply((reports) -> reports.stream()
				.filter((report) -> agencyCode == null || report.agencyCode().equals(agencyCode))
				.toList());
	}

	@SchemaMapping
	CompletableFuture<LegalDocument> document(Task task, DataLoader<Long, LegalDocument> documents) {
		return documents.load(task.documentId());
	}

	@SchemaMapping(typeName = "TaskReport")
	CompletableFuture<Agency> agency(TaskReport report, DataLoader<String, Agency> agencies) {
		return agencies.load(report.agencyCode());
	}

}
