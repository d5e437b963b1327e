package vn.egov.dashboard.plan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Task reports keep their history: a second report no longer erases the first. Reports on
 * task 4 of Công văn 50/BTTTT-CĐSQG by agencies no other test reports for.
 */
class TaskReportHistoryTests extends IntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@Test
	void shouldKeepEveryReportAndShowTheAgencyItsOwnHistory() {
		String task = taskId(4);
		report(asEditorOf("P44"), task, "P44", "IN_PROGRESS", "2024-02-01", "Đang triển khai").path("reportTask.status")
			.entity(String.class)
			.isEqualTo("IN_PROGRESS");
		report(asEditorOf("P44"), task, "P44", "DONE", "2024-05-15", "Hoàn thành").path("reportTask.status")
			.entity(String.class)
			.isEqualTo("DONE");
		report(asEditorOf("P45"), task, "P45", "NOT_STARTED", "2024-02-01", null).path("reportTask.status")
			.entity(String.class)
			.isEqualTo("NOT_STARTED");
		GraphQlTester.Response read = this.graphQl.documentName("plan/taskReports")
			.variable("id", task)
			.variable("agencyCode", "P44")
			.execute();
		// The current report is the latest; the history keeps both, oldest first.
		assertThat(read.path("task.reports").entityList(MAP).get())
			.filteredOn((r) -> List.of("P44", "P45").contains(code(r)))
			.extracting((r) -> code(r) + " " + r.get("status"))
			.containsExactly("P44 DONE", "P45 NOT_STARTED");
		assertThat(read.path("task.reportHistory").entityList(MAP).get())
			.extracting((r) -> code(r) + " " + r.get("status") + " " + r.get("reportedOn") + " " + r.get("note"))
			.containsExactly("P44 IN_PROGRESS 2024-02-01 Đang triển khai", "P44 DONE 2024-05-15 Hoàn thành");
		assertThat(
				count("audit_entry",
						"action = 'reportTask' AND entity_id = '" + task + "/P44' "
								+ "AND old_value->>'status' = 'IN_PROGRESS' AND new_value->>'status' = 'DONE'"))
			.isEqualTo(1);
	}

	@Test
	void shouldRefuseBadReportsAndOtherAgenciesAndWriteNothing() {
		String task = taskId(4);
		long before = count("task_report", "agency_code = 'P46'");
		report(asEditorOf("P01"), task, "P46", "DONE", "2024-02-01", null).errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
		expectBadRequest(report(asEditorOf("P46"), task, "P46", "DONE", "2199-01-01", null), "reportedOn");
		assertThat(count("task_report", "agency_code = 'P46'")).isEqualTo(before);
	}

	private GraphQlTester.Response report(HttpGraphQlTester tester, String task, String agency, String status,
			String reportedOn, String note) {
		Map<String, Object> input = new HashMap<>(
				Map.of("taskId", task, "agencyCode", agency, "status", status, "reportedOn", reportedOn));
		if (note != null) {
			input.put("note", note);
		}
		return tester.documentName("plan/reportTask").variable("input", input).execute();
	}

	private String taskId(int number) {
		return this.graphQl.document("{ document(number: \"50/BTTTT-CĐSQG\") { tasks { id number } } }")
			.execute()
			.path("document.tasks[" + (number - 1) + "].id")
			.entity(String.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static String code(Map<String, Object> report) {
		return (String) ((Map<String, Object>) report.get("agency")).get("code");
	}

}
