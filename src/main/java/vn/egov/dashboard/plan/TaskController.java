package vn.egov.dashboard.plan;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
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

	private final TaskRepository tasks;

	private final TaskService service;

	TaskController(TaskRepository tasks, TaskService service) {
		this.tasks = tasks;
		this.service = service;
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

	@SchemaMapping
	CompletableFuture<LegalDocument> document(Task task, DataLoader<Long, LegalDocument> documents) {
		return documents.load(task.documentId());
	}

	@SchemaMapping(typeName = "TaskReport")
	CompletableFuture<Agency> agency(TaskReport report, DataLoader<String, Agency> agencies) {
		return agencies.load(report.agencyCode());
	}

}
