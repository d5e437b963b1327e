package vn.egov.dashboard.plan;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating plans and moving them along DRAFT → SUBMITTED → APPROVED → SUPERSEDED.
 */
class PlanMutationTests extends IntegrationTests {

	private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));

	@Test
	void shouldCreateADraftAndAdvanceItToApproved() {
		String id = create("P40", "ANNUAL", 2024, 2024,
				Map.of("guidingDocumentNumber", "50/BTTTT-CĐSQG", "dueOn", "2024-03-31"));
		advance(id, "SUBMITTED", Map.of("on", "2024-04-02")).path("advancePlan.status")
			.entity(String.class)
			.isEqualTo("SUBMITTED")
			.path("advancePlan.submittedOn")
			.entity(String.class)
			.isEqualTo("2024-04-02")
			.path("advancePlan.late")
			.entity(Boolean.class)
			.isEqualTo(true);
		advance(id, "APPROVED", Map.of("on", "2024-04-10", "approvingDocumentNumber", "1690/QĐ-TTg"))
			.path("advancePlan.status")
			.entity(String.class)
			.isEqualTo("APPROVED")
			.path("advancePlan.approvedOn")
			.entity(String.class)
			.isEqualTo("2024-04-10")
			.path("advancePlan.approvingDocument.number")
			.entity(String.class)
			.isEqualTo("1690/QĐ-TTg");
		advance(id, "SUPERSEDED", Map.of()).path("advancePlan.status").entity(String.class).isEqualTo("SUPERSEDED");
	}

	@Test
	void shouldRejectSkippingAStepAndChangeNothing() {
		String id = create("P42", "ANNUAL", 2025, 2025, Map.of());
		advance(id, "APPROVED", Map.of()).errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST")
					&& e.getMessage().equals("to cannot move a DRAFT plan to APPROVED; its next step is SUBMITTED"))
			.verify();
		this.graphQl.documentName("plan/plan")
			.variable("id", id)
			.execute()
			.path("plan.status")
			.entity(String.class)
			.isEqualTo("DRAFT")
			.path("plan.submittedOn")
			.valueIsNull();
	}

	@Test
	void shouldRejectGoingBackToDraft() {
		String id = create("P38", "ANNUAL", 2025, 2025, Map.of());
		expectBadRequest(advance(id, "DRAFT", Map.of()), "to");
	}

	@Test
	void shouldRejectAFutureDateAndAnApprovalBeforeSubmission() {
		String id = create("P22", "ANNUAL", 2025, 2025, Map.of());
		expectBadRequest(advance(id, "SUBMITTED", Map.of("on", TODAY.plusDays(1).toString())), "on");
		advance(id, "SUBMITTED", Map.of("on", "2025-05-10")).path("advancePlan.status")
			.entity(String.class)
			.isEqualTo("SUBMITTED");
		expectBadRequest(advance(id, "APPROVED", Map.of("on", "2025-05-01")), "on");
	}

	@Test
	void shouldReportUnknownAgenciesDocumentsAndPlansAsNotFoundAndWriteNothing() {
		int before = planCount();
		expectNotFound(createResponse("NOPE", "ANNUAL", 2025, 2025, Map.of()), "No agency with code 'NOPE'");
		expectNotFound(createResponse("P01", "ANNUAL", 2025, 2025, Map.of("guidingDocumentNumber", "1/XX")),
				"No legal document numbered '1/XX'");
		expectNotFound(advance("999999", "SUBMITTED", Map.of()), "No plan with id '999999'");
		assertThat(planCount()).isEqualTo(before);
	}

	@Test
	void shouldRejectInconsistentPeriodsAndWriteNothing() {
		int before = planCount();
		expectBadRequest(createResponse("P01", "ANNUAL", 2024, 2025, Map.of()), "periodEnd");
		expectBadRequest(createResponse("P01", "FIVE_YEAR", 2021, 2024, Map.of()), "periodEnd");
		expectBadRequest(createResponse("P01", "ANNUAL", 1990, 1990, Map.of()), "periodStart");
		expectBadRequest(createResponse("P01", "ANNUAL", 2025, 2025, Map.of("title", "   ")), "title");
		// Hòa Bình ended on 2025-06-30; a 2026 plan belongs to its successor.
		expectBadRequest(createResponse("P17", "ANNUAL", 2026, 2026, Map.of()), "agencyCode");
		assertThat(planCount()).isEqualTo(before);
	}

	@Test
	void shouldLetOnlyOneOfManyConcurrentSubmissionsWin() {
		String id = create("P44", "ANNUAL", 2023, 2023, Map.of());
		var client = reactiveAdminClient();
		List<String> winners = new ArrayList<>();
		Flux.range(1, 12)
			.flatMap((day) -> client.documentName("plan/advancePlan")
				.variable("input", Map.of("id", id, "to", "SUBMITTED", "on", "2023-03-" + (10 + day)))
				.execute())
			.filter((response) -> response.getErrors().isEmpty())
			.map((response) -> response.field("advancePlan.submittedOn").toEntity(String.class))
			.collectList()
			.as(StepVerifier::create)
			.consumeNextWith(winners::addAll)
			.verifyComplete();
		assertThat(winners).hasSize(1);
		this.graphQl.documentName("plan/plan")
			.variable("id", id)
			.execute()
			.path("plan.status")
			.entity(String.class)
			.isEqualTo("SUBMITTED")
			.path("plan.submittedOn")
			.entity(String.class)
			.isEqualTo(winners.get(0));
	}

	@Test
	void shouldFilterPlansOfAnAgencyAndShowTheirTargets() {
		this.graphQl.documentName("plan/plans")
			.variable("filter", Map.of("agencyCode", "P17", "year", 2017))
			.execute()
			.path("plans.totalCount")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("plans.edges[*].node.targets[*].code")
			.entityList(String.class)
			.satisfies((list) -> assertThat(list).containsExactlyInAnyOrder("HB2017-01", "HB2017-02"))
			.path("plans.edges[*].node.targets[*].value")
			.entityList(Double.class)
			.satisfies((list) -> assertThat(list).containsExactlyInAnyOrder(80.0, 60.0));
	}

	@Test
	void shouldRecordATaskReportAndFlagItLate() {
		asAdmin().documentName("plan/reportTask")
			.variable("input",
					Map.of("taskId", taskId(2), "agencyCode", "P31", "status", "DONE", "reportedOn", "2024-01-20"))
			.execute()
			.path("reportTask.status")
			.entity(String.class)
			.isEqualTo("DONE")
			.path("reportTask.late")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("reportTask.agency.code")
			.entity(String.class)
			.isEqualTo("P31");
	}

	@Test
	void shouldNeverCallAReportOnATaskWithoutADeadlineLate() {
		// Task 3 of Công văn 50/BTTTT-CĐSQG has no deadline in the letter.
		asAdmin().documentName("plan/reportTask")
			.variable("input",
					Map.of("taskId", taskId(3), "agencyCode", "P31", "status", "DONE", "reportedOn", "2025-06-30"))
			.execute()
			.path("reportTask.late")
			.entity(Boolean.class)
			.isEqualTo(false);
	}

	private String taskId(int number) {
		return this.graphQl.document("{ document(number: \"50/BTTTT-CĐSQG\") { tasks { id number } } }")
			.execute()
			.path("document.tasks[" + (number - 1) + "].id")
			.entity(String.class)
			.get();
	}

	private String create(String agency, String kind, int start, int end, Map<String, Object> extra) {
		return createResponse(agency, kind, start, end, extra).path("createPlan.status")
			.entity(String.class)
			.isEqualTo("DRAFT")
			.path("createPlan.agency.code")
			.entity(String.class)
			.isEqualTo(agency)
			.path("createPlan.id")
			.entity(String.class)
			.get();
	}

	private GraphQlTester.Response createResponse(String agency, String kind, int start, int end,
			Map<String, Object> extra) {
		Map<String, Object> input = new java.util.HashMap<>(Map.of("agencyCode", agency, "kind", kind, "title",
				"Kế hoạch chuyển đổi số " + start + " (test)", "periodStart", start, "periodEnd", end));
		input.putAll(extra);
		return asAdmin().documentName("plan/createPlan").variable("input", input).execute();
	}

	private GraphQlTester.Response advance(String id, String to, Map<String, Object> extra) {
		Map<String, Object> input = new java.util.HashMap<>(Map.of("id", id, "to", to));
		input.putAll(extra);
		return asAdmin().documentName("plan/advancePlan").variable("input", input).execute();
	}

	private int planCount() {
		return this.graphQl.documentName("plan/plans").execute().path("plans.totalCount").entity(Integer.class).get();
	}

}
