package vn.egov.dashboard.progress;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defining indicators and setting and correcting targets through the GraphQL endpoint.
 * Each test defines indicators of its own.
 */
class TargetMutationTests extends IntegrationTests {

	@Test
	void shouldDefineAnIndicatorAndCorrectItsNames() {
		GraphQlTester.Response created = createIndicator(indicator("OPEN_DATASETS_TEST", "COUNT", "HIGHER_IS_BETTER"));
		created.path("createIndicator.unit").entity(String.class).isEqualTo("COUNT");
		asAdmin().documentName("progress/updateIndicator")
			.variable("input", Map.of("code", "OPEN_DATASETS_TEST", "nameEn", "Open data sets published"))
			.execute()
			.path("updateIndicator.nameEn")
			.entity(String.class)
			.isEqualTo("Open data sets published")
			.path("updateIndicator.name")
			.entity(String.class)
			.isEqualTo("Số bộ dữ liệu mở (thử)");
		expectBadRequest(createIndicator(indicator("OPEN_DATASETS_TEST", "COUNT", "HIGHER_IS_BETTER")), "code");
		expectBadRequest(createIndicator(indicator("open_datasets", "COUNT", "HIGHER_IS_BETTER")), "code");
		expectBadRequest(createIndicator(indicator("RANK_TEST", "RANK", "HIGHER_IS_BETTER")), "direction");
		expectNotFound(asAdmin().documentName("progress/updateIndicator")
			.variable("input", Map.of("code", "NO_SUCH_INDICATOR", "name", "x"))
			.execute(), "No indicator with code 'NO_SUCH_INDICATOR'");
		assertThat(count("indicator", "code IN ('open_datasets', 'RANK_TEST')")).isZero();
		assertThat(count("audit_entry", "entity = 'indicator' AND entity_id = 'OPEN_DATASETS_TEST'")).isEqualTo(2);
		asEditorOf("P01").documentName("progress/createIndicator")
			.variable("input", indicator("EDITOR_TEST", "COUNT", "HIGHER_IS_BETTER"))
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
	}

	@Test
	void shouldSetNationalBlockAndAgencyTargetsAndCorrectThem() {
		createIndicator(indicator("SHARED_PLATFORMS_TEST", "PERCENT", "HIGHER_IS_BETTER"));
		GraphQlTester.Response national = createTarget(
				target("SHARED_PLATFORMS_TEST", "NATIONAL", 90).with("sourceDocumentNumber", "749/QĐ-TTg")
					.with("code", "TEST-NAT-01")
					.with("baselineValue", 40)
					.with("baselineOn", "2020-12-31"));
		national.path("createTarget.comparator").entity(String.class).isEqualTo("GE");
		national.path("createTarget.sourceDocument.number").entity(String.class).isEqualTo("749/QĐ-TTg");
		national.path("createTarget.national.status").entity(String.class).isEqualTo("NO_DATA");
		String id = national.path("createTarget.id").entity(String.class).get();
		createTarget(target("SHARED_PLATFORMS_TEST", "BLOCK", 80).with("block", "PROVINCES")
			.with("sourceDocumentNumber", "942/QĐ-TTg")).path("createTarget.block")
			.entity(String.class)
			.isEqualTo("PROVINCES");
		createTarget(target("SHARED_PLATFORMS_TEST", "AGENCY", 95).with("agencyCode", "P48")
			.with("sourceDocumentNumber", "942/QĐ-TTg")).path("createTarget.agency.code")
			.entity(String.class)
			.isEqualTo("P48");
		GraphQlTester.Response corrected = asAdmin().documentName("progress/updateTarget")
			.variable("input", Map.of("id", id, "value", 85, "deadline", "2030-12-31", "note", "Điều chỉnh (thử)"))
			.execute();
		corrected.path("updateTarget.value").entity(Double.class).isEqualTo(85.0);
		corrected.path("updateTarget.deadline").entity(String.class).isEqualTo("2030-12-31");
		corrected.path("updateTarget.baselineValue").entity(Double.class).isEqualTo(40.0);
		corrected.path("updateTarget.code").entity(String.class).isEqualTo("TEST-NAT-01");
		this.graphQl.document("{ targets(filter: {indicatorCode: \"SHARED_PLATFORMS_TEST\"}) { scope value } }")
			.execute()
			.path("targets[*].scope")
			.entityList(String.class)
			.satisfies((scopes) -> assertThat(scopes).containsExactlyInAnyOrder("NATIONAL", "BLOCK", "AGENCY"));
		assertThat(count("audit_entry", "action = 'updateTarget' AND entity_id = '" + id
				+ "' AND old_value->>'value' = '90.0' AND new_value->>'value' = '85.0'"))
			.isEqualTo(1);
	}

	@Test
	void shouldRefuseBadTargetsAndWriteNothing() {
		createIndicator(indicator("BAD_TARGETS_TEST", "PERCENT", "HIGHER_IS_BETTER"));
		Input good = target("BAD_TARGETS_TEST", "NATIONAL", 50).with("sourceDocumentNumber", "749/QĐ-TTg");
		expectBadRequest(createTarget(good.with("value", 120)), "value");
		expectBadRequest(createTarget(good.with("valueMax", 40)), "valueMax");
		expectBadRequest(createTarget(good.with("baselineOn", "2031-01-01")), "baselineOn");
		expectBadRequest(createTarget(good.with("agencyCode", "P01")), "agencyCode");
		expectBadRequest(createTarget(target("BAD_TARGETS_TEST", "BLOCK", 50).with("block", "CITIES")
			.with("sourceDocumentNumber", "749/QĐ-TTg")), "block");
		expectBadRequest(
				createTarget(target("BAD_TARGETS_TEST", "AGENCY", 50).with("sourceDocumentNumber", "749/QĐ-TTg")),
				"agencyCode");
		expectBadRequest(createTarget(target("BAD_TARGETS_TEST", "NATIONAL", 50)), "sourceDocumentNumber");
		expectBadRequest(createTarget(good.with("code", "QD749-06")), "code");
		expectNotFound(createTarget(good.with("sourceDocumentNumber", "1/XX")), "No legal document numbered '1/XX'");
		expectNotFound(
				createTarget(target("NO_SUCH_INDICATOR", "NATIONAL", 50).with("sourceDocumentNumber", "749/QĐ-TTg")),
				"No indicator with code 'NO_SUCH_INDICATOR'");
		assertThat(count("target", "indicator_code = 'BAD_TARGETS_TEST'")).isZero();
		String id = createTarget(good).path("createTarget.id").entity(String.class).get();
		expectBadRequest(asAdmin().documentName("progress/updateTarget")
			.variable("input", Map.of("id", id, "value", -1))
			.execute(), "value");
		expectNotFound(asAdmin().documentName("progress/updateTarget")
			.variable("input", Map.of("id", "999999", "value", 1))
			.execute(), "No target with id '999999'");
		assertThat(count("target", "indicator_code = 'BAD_TARGETS_TEST' AND value = 50")).isEqualTo(1);
	}

	@Test
	void shouldLetAnAgencyEditorProposeTargetsInItsOwnPlansOnly() {
		createIndicator(indicator("PLAN_TARGETS_TEST", "PERCENT", "HIGHER_IS_BETTER"));
		String plan = asEditorOf("P22").documentName("plan/createPlan")
			.variable("input",
					Map.of("agencyCode", "P22", "kind", "ANNUAL", "title", "Kế hoạch chuyển đổi số 2026 (thử)",
							"periodStart", 2026, "periodEnd", 2026))
			.execute()
			.path("createPlan.id")
			.entity(String.class)
			.get();
		Input proposal = target("PLAN_TARGETS_TEST", "AGENCY", 70).with("agencyCode", "P22").with("planId", plan);
		String id = createTarget(asEditorOf("P22"), proposal).path("createTarget.plan.id")
			.entity(String.class)
			.isEqualTo(plan)
			.path("createTarget.id")
			.entity(String.class)
			.get();
		createTarget(asEditorOf("P01"), proposal).errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
		expectBadRequest(
				createTarget(asEditorOf("P22"), target("PLAN_TARGETS_TEST", "NATIONAL", 70).with("planId", plan)),
				"scope");
		expectBadRequest(
				createTarget(asEditorOf("P22"), target("PLAN_TARGETS_TEST", "AGENCY", 70).with("agencyCode", "P22")
					.with("sourceDocumentNumber", "749/QĐ-TTg")),
				"planId");
		createTarget(this.graphQl, proposal).errors()
			.expect((e) -> e.getErrorType().toString().equals("UNAUTHORIZED"))
			.verify();
		asEditorOf("P01").documentName("progress/updateTarget")
			.variable("input", Map.of("id", id, "value", 10))
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
		asEditorOf("P22").documentName("progress/updateTarget")
			.variable("input", Map.of("id", id, "value", 75))
			.execute()
			.path("updateTarget.value")
			.entity(Double.class)
			.isEqualTo(75.0);
		assertThat(count("target", "indicator_code = 'PLAN_TARGETS_TEST'")).isEqualTo(1);
		// An analyst sets targets without a plan.
		createTarget(as(Role.ANALYST, null),
				target("PLAN_TARGETS_TEST", "AGENCY", 70).with("agencyCode", "P22")
					.with("sourceDocumentNumber", "749/QĐ-TTg"))
			.path("createTarget.scope")
			.entity(String.class)
			.isEqualTo("AGENCY");
	}

	/** A mutable input map, built with {@link #with}. */
	private static final class Input extends HashMap<String, Object> {

		Input with(String key, Object value) {
			Input copy = new Input();
			copy.putAll(this);
			copy.put(key, value);
			return copy;
		}

	}

	private static Input target(String indicator, String scope, double value) {
		Input input = new Input();
		input.putAll(Map.of("indicatorCode", indicator, "scope", scope, "value", value, "deadline", "2030-12-31"));
		return input;
	}

	private static Map<String, Object> indicator(String code, String unit, String direction) {
		return Map.of("code", code, "name", "Số bộ dữ liệu mở (thử)", "nameEn", "Open data sets (test)", "unit", unit,
				"direction", direction);
	}

	private GraphQlTester.Response createIndicator(Map<String, Object> input) {
		return asAdmin().documentName("progress/createIndicator").variable("input", input).execute();
	}

	private GraphQlTester.Response createTarget(Map<String, Object> input) {
		return createTarget(asAdmin(), input);
	}

	private GraphQlTester.Response createTarget(HttpGraphQlTester tester, Map<String, Object> input) {
		return tester.documentName("progress/createTarget").variable("input", input).execute();
	}

}
