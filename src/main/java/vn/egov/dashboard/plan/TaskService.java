package vn.egov.dashboard.plan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import vn.egov.dashboard.agency.AgencyNotFoundException;
import vn.egov.dashboard.agency.AgencyRepository;
import vn.egov.dashboard.graphql.Ids;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.NotFoundException;
import vn.egov.dashboard.graphql.Texts;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.security.Access;
import vn.egov.dashboard.security.AgencyWrite;
import vn.egov.dashboard.security.AuditLog;
import vn.egov.dashboard.system.DataChangedEvent;
import vn.egov.dashboard.plan.PlanInputs.ReportTaskInput;

/**
 * Every write to task reports, checked before it is written.
 */
@Service
public class TaskService {

	private final TaskRepository tasks;

	private final AgencyRepository agencies;

	private final Clock clock;

	private final Changes changes;

	private final AuditLog audit;

	TaskService(TaskRepository tasks, AgencyRepository agencies, Clock clock, Changes changes, AuditLog audit) {
		this.audit = audit;
		this.tasks = tasks;
		this.agencies = agencies;
		this.clock = clock;
		this.changes = changes;
	}

	@AgencyWrite
	public Mono<TaskReport> report(ReportTaskInput input) {
		long taskId = Ids.parse("taskId", input.taskId());
		String note = Texts.optional("note", input.note(), 2000);
		LocalDate today = LocalDate.now(this.clock);
		LocalDate reportedOn = (input.reportedOn() != null) ? input.reportedOn() : today;
		if (reportedOn.isAfter(today)) {
			throw new InvalidInputException("reportedOn", "must not be in the future, was " + reportedOn);
		}
		Mono<TaskReport> save = this.tasks.findById(taskId)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No task with id '" + input.taskId() + "'")))
			.then(this.agencies.findByCode(input.agencyCode()))
			.switchIfEmpty(Mono.error(() -> new AgencyNotFoundException(input.agencyCode())))
			.flatMap((agency) -> Access.requireAgency(agency.code())
				.then(previous(taskId, agency.code()))
				.flatMap((old) -> this.tasks.saveReport(taskId, agency.code(), input.status(), reportedOn, note)
					.flatMap((report) -> this.audit
						.record("reportTask", "task_report", taskId + "/" + report.agencyCode(), old.orElse(null),
								report)
						.thenReturn(report))));
		return this.changes.commit(new DataChangedEvent("plan"), save);
	}

	/** The agency's current report on the task, which the new one follows. */
	private Mono<Optional<TaskReport>> previous(long taskId, String agencyCode) {
		return this.tasks.findReports(List.of(taskId))
			.filter((report) -> report.agencyCode().equals(agencyCode))
			.next()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
	}

}
