package vn.egov.dashboard.security;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may write what, through the GraphQL endpoint: anonymous writes are UNAUTHORIZED, a
 * signed-in caller without the role or outside its agency is FORBIDDEN, and a refused
 * write writes nothing.
 */
class AccessTests extends IntegrationTests {

	@Test
	void shouldRefuseAnAnonymousWriteAndWriteNothing() {
		expectUnauthorized(record(this.graphQl, "P01", "2019-12-31", 30), "recordMeasurement");
		assertThat(count("measurement",
				"indicator_code = 'RECORDS_ELECTRONIC' AND agency_code = 'P01' AND period = '2019-12-31'"))
			.isZero();
		expectUnauthorized(this.graphQl.documentName("assessment/importAssessment")
			.variable("framework", "DTI")
			.variable("year", 2022)
			.variable("csv", "agency_code,category_code,score\n")
			.execute(), "importAssessment");
	}

	@Test
	void shouldLetAnEditorWriteOnlyItsOwnAgency() {
		long before = count("audit_entry", "true");
		expectForbidden(record(asEditorOf("P04"), "P01", "2019-12-31", 30),
				"Forbidden: you may write only the data of agency P04, not of P01");
		assertThat(count("measurement",
				"indicator_code = 'RECORDS_ELECTRONIC' AND agency_code = 'P01' AND period = '2019-12-31'"))
			.isZero();
		assertThat(count("audit_entry", "true")).isEqualTo(before);

		String id = record(asEditorOf("P04"), "P04", "2019-12-31", 30).path("recordMeasurement.id")
			.entity(String.class)
			.get();
		assertThat(count("audit_entry",
				"action = 'recordMeasurement' AND actor = 'jwt:agency_editor-P04' AND entity_id = '" + id
						+ "' AND actor_agency = 'P04' AND old_value IS NULL AND new_value ->> 'value' = '30.0'"))
			.isEqualTo(1);
	}

	@Test
	void shouldHoldAnEditorToItsAgencyForPlansAndTaskReports() {
		Map<String, Object> plan = Map.of("agencyCode", "P01", "kind", "ANNUAL", "title", "Kế hoạch của Hà Nội",
				"periodStart", 2024, "periodEnd", 2024);
		expectForbidden(asEditorOf("P04").documentName("plan/createPlan").variable("input", plan).execute(),
				"Forbidden: you may write only the data of agency P04, not of P01");
		assertThat(count("plan", "title = 'Kế hoạch của Hà Nội'")).isZero();
		String id = asEditorOf("P01").documentName("plan/createPlan")
			.variable("input", plan)
			.execute()
			.path("createPlan.id")
			.entity(String.class)
			.get();
		expectForbidden(asEditorOf("P04").documentName("plan/advancePlan")
			.variable("input", Map.of("id", id, "to", "SUBMITTED"))
			.execute(), "Forbidden: you may write only the data of agency P04, not of P01");
		assertThat(count("plan", "id = " + id + " AND status = 'DRAFT'")).isEqualTo(1);
		String taskId = this.db.sql("SELECT min(id) FROM task")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block()
			.toString();
		expectForbidden(asEditorOf("P04").documentName("plan/reportTask")
			.variable("input", Map.of("taskId", taskId, "agencyCode", "P01", "status", "DONE"))
			.execute(), "Forbidden: you may write only the data of agency P04, not of P01");
		assertThat(count("audit_entry",
				"actor = 'jwt:agency_editor-P04' AND action IN ('createPlan', 'advancePlan', 'reportTask')"))
			.isZero();
	}

	@Test
	void shouldNotLetAnEditorCorrectAnotherAgencysValue() {
		String id = record(asEditorOf("P01"), "P01", "2020-12-31", 50).path("recordMeasurement.id")
			.entity(String.class)
			.get();
		expectForbidden(asEditorOf("P04").documentName("progress/correctMeasurement")
			.variable("input", Map.of("id", id, "value", 99, "source", "Sửa nhầm"))
			.execute(), "Forbidden: you may write only the data of agency P04, not of P01");
		assertThat(count("measurement", "id = " + id + " AND value = 50 AND NOT replaced")).isEqualTo(1);
	}

	@Test
	void shouldTellWhichRoleAWriteNeeds() {
		expectForbidden(record(as(Role.ANALYST, null), "P01", "2018-12-31", 30),
				"Forbidden: recordMeasurement needs role ADMIN or AGENCY_EDITOR; jwt:analyst has [ANALYST]");
		expectForbidden(asEditorOf("P01").documentName("security/auditLog").execute(),
				"Forbidden: auditLog needs role ADMIN; jwt:agency_editor-P01 has [AGENCY_EDITOR]");
	}

	@Test
	void shouldShowTheCallerToItself() {
		this.graphQl.documentName("security/viewer").execute().path("viewer").valueIsNull();
		asEditorOf("P01").documentName("security/viewer")
			.execute()
			.path("viewer.name")
			.entity(String.class)
			.isEqualTo("jwt:agency_editor-P01")
			.path("viewer.roles")
			.entityList(String.class)
			.containsExactly("AGENCY_EDITOR")
			.path("viewer.agency.name")
			.entity(String.class)
			.isEqualTo("Hà Nội");
	}

	@Test
	void shouldRecordOldAndNewValuesOfACorrection() {
		String id = record(asAdmin(), "P04", "2020-12-31", 40).path("recordMeasurement.id").entity(String.class).get();
		String corrected = asAdmin().documentName("progress/correctMeasurement")
			.variable("input", Map.of("id", id, "value", 44, "source", "Báo cáo bổ sung"))
			.execute()
			.path("correctMeasurement.id")
			.entity(String.class)
			.get();
		asAdmin().documentName("security/auditLog")
			.variable("entity", "measurement")
			.variable("actor", "jwt:admin")
			.execute()
			.path("auditLog.edges[0].node.action")
			.entity(String.class)
			.isEqualTo("correctMeasurement")
			.path("auditLog.edges[0].node.entityId")
			.entity(String.class)
			.isEqualTo(corrected)
			.path("auditLog.edges[0].node.oldValue.value")
			.entity(Double.class)
			.isEqualTo(40.0)
			.path("auditLog.edges[0].node.newValue.value")
			.entity(Double.class)
			.isEqualTo(44.0)
			.path("auditLog.edges[0].node.actorRoles")
			.entityList(String.class)
			.containsExactly("ADMIN");
	}

	@Test
	void shouldKeepTheAuditLogAppendOnly() {
		record(asAdmin(), "P04", "2018-12-31", 10).path("recordMeasurement.id").hasValue();
		assertThat(this.db.sql("UPDATE audit_entry SET actor = 'someone else'")
			.fetch()
			.rowsUpdated()
			.onErrorResume((ex) -> reactor.core.publisher.Mono.just(-1L))
			.block()).isEqualTo(-1L);
		assertThat(count("audit_entry", "actor = 'someone else'")).isZero();
	}

	private static GraphQlTester.Response record(GraphQlTester tester, String agency, String period, double value) {
		return tester.documentName("progress/recordMeasurement")
			.variable("input",
					Map.of("indicatorCode", "RECORDS_ELECTRONIC", "agencyCode", agency, "period", period, "value",
							value, "source", "Báo cáo của Sở Thông tin và Truyền thông"))
			.execute();
	}

	static void expectUnauthorized(GraphQlTester.Response response, String operation) {
		response.errors()
			.expect((e) -> e.getErrorType().toString().equals("UNAUTHORIZED") && e.getMessage()
				.equals("Not signed in: " + operation
						+ " needs a bearer token (Authorization: Bearer …) or an API key (X-API-Key)"))
			.verify();
	}

	static void expectForbidden(GraphQlTester.Response response, String message) {
		response.errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN") && e.getMessage().equals(message))
			.verify();
	}

}
