package vn.egov.dashboard.agency;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording a merger through the GraphQL endpoint, and reading it back as the 2025 merger
 * is read: by date, and in the successor's history. The test's agencies are ministries of
 * its own that exist only from 2079 (codes ZZ…), so no other test sees them.
 */
class ReorganisationTests extends IntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@BeforeEach
	void agencies() {
		this.db.sql("""
				INSERT INTO agency (code, name, name_en, kind, valid_from) VALUES
				  ('ZZA', 'Bộ Thử A', 'Test ministry A', 'MINISTRY', DATE '2079-01-01'),
				  ('ZZB', 'Bộ Thử B', 'Test ministry B', 'MINISTRY', DATE '2079-01-01'),
				  ('ZZD', 'Bộ Thử D', 'Test ministry D', 'MINISTRY', DATE '2079-01-01'),
				  ('ZZE', 'Bộ Thử E', 'Test ministry E', 'MINISTRY', DATE '2079-01-01')
				ON CONFLICT (code) DO NOTHING""").then().block();
	}

	@Test
	void shouldMergeIntoANewAgencyThatDatesAndHistoriesFollow() {
		asAdmin().documentName("assessment/defineAssessmentRound")
			.variable("input", Map.of("framework", "DTI", "year", 2079))
			.execute()
			.path("defineAssessmentRound.year")
			.entity(Integer.class)
			.isEqualTo(2079);
		asAdmin().documentName("assessment/importAssessment")
			.variable("framework", "DTI")
			.variable("year", 2079)
			.variable("csv", """
					block,agency_code,category,score
					MINISTRIES_WITH_PUBLIC_SERVICES,ZZA,,0.61
					MINISTRIES_WITH_PUBLIC_SERVICES,ZZB,,0.72
					""")
			.execute()
			.path("importAssessment.imported")
			.entity(Boolean.class)
			.isEqualTo(true);
		GraphQlTester.Response merged = merge(Map.of("predecessors", List.of("ZZA", "ZZB"), "successorCode", "ZZC",
				"effectiveOn", "2080-01-01", "source", "Nghị quyết thử 1/2079/QH", "newSuccessor",
				Map.of("name", "Bộ Thử C", "nameEn", "Test ministry C", "kind", "MINISTRY")));
		merged.path("recordMerger.validFrom").entity(String.class).isEqualTo("2080-01-01");
		merged.path("recordMerger.source").entity(String.class).isEqualTo("Nghị quyết thử 1/2079/QH");
		merged.path("recordMerger.predecessors[*]")
			.entityList(MAP)
			.satisfies((list) -> assertThat(list).extracting((p) -> p.get("code") + " " + p.get("validTo"))
				.containsExactly("ZZA 2079-12-31", "ZZB 2079-12-31"));
		assertThat(ministries("2079-06-30")).contains("ZZA", "ZZB").doesNotContain("ZZC");
		assertThat(ministries("2080-06-30")).contains("ZZC").doesNotContain("ZZA", "ZZB");
		// The successor's history carries its predecessors' scores.
		assertThat(this.graphQl.documentName("assessment/agencyScores")
			.variable("agencyCode", "ZZC")
			.variable("framework", "DTI")
			.variable("includePredecessors", true)
			.execute()
			.path("agencyScores")
			.entityList(MAP)
			.get()).extracting((r) -> r.get("year") + " " + r.get("relation") + " " + agencyCode(r))
			.containsExactlyInAnyOrder("2079 PREDECESSOR ZZA", "2079 PREDECESSOR ZZB");
		assertThat(count("audit_entry", "action = 'recordMerger' AND entity_id = 'ZZC'")).isEqualTo(1);
	}

	@Test
	void shouldRefuseBadMergersAndWriteNothing() {
		Map<String, Object> newSuccessor = Map.of("name", "Bộ Thử F", "nameEn", "Test ministry F", "kind", "MINISTRY");
		// Hòa Bình ended in 2025 already.
		expectBadRequest(merge(Map.of("predecessors", List.of("ZZD", "P17"), "successorCode", "ZZF", "effectiveOn",
				"2080-01-01", "newSuccessor", newSuccessor)), "predecessors[1]");
		expectBadRequest(merge(Map.of("predecessors", List.of("ZZD", "ZZD"), "successorCode", "ZZF", "effectiveOn",
				"2080-01-01", "newSuccessor", newSuccessor)), "predecessors[1]");
		expectBadRequest(merge(Map.of("predecessors", List.of("ZZD"), "successorCode", "ZZE", "effectiveOn",
				"2080-01-01", "newSuccessor", newSuccessor)), "successorCode");
		expectBadRequest(
				merge(Map.of("predecessors", List.of("ZZD"), "successorCode", "ZZD", "effectiveOn", "2080-01-01")),
				"predecessors[0]");
		expectBadRequest(
				merge(Map.of("predecessors", List.of("ZZD"), "successorCode", "ZZE", "effectiveOn", "2079-01-01")),
				"predecessors[0]");
		expectNotFound(merge(
				Map.of("predecessors", List.of("ZZD", "ZZ-NONE"), "successorCode", "ZZE", "effectiveOn", "2080-01-01")),
				"No agency with code 'ZZ-NONE'");
		assertThat(count("agency", "code IN ('ZZD', 'ZZE') AND (valid_to IS NOT NULL OR successor_code IS NOT NULL)"))
			.isZero();
		assertThat(count("agency", "code = 'ZZF'")).isZero();
		asEditorOf("P01").documentName("agency/recordMerger")
			.variable("input",
					Map.of("predecessors", List.of("ZZD"), "successorCode", "ZZE", "effectiveOn", "2080-01-01"))
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
		// Absorbed into an existing agency, as Bộ TT&TT into Bộ KH&CN.
		merge(Map.of("predecessors", List.of("ZZD"), "successorCode", "ZZE", "effectiveOn", "2080-03-01"))
			.path("recordMerger.predecessors[*].code")
			.entityList(String.class)
			.containsExactly("ZZD");
		assertThat(count("agency", "code = 'ZZD' AND valid_to = DATE '2080-02-29' AND successor_code = 'ZZE'"))
			.isEqualTo(1);
	}

	private GraphQlTester.Response merge(Map<String, Object> input) {
		return asAdmin().documentName("agency/recordMerger").variable("input", input).execute();
	}

	private List<String> ministries(String asOf) {
		return this.graphQl
			.document("{ agencies(first: 100, filter: {kinds: [MINISTRY], asOf: \"" + asOf
					+ "\"}) { edges { node { code } } } }")
			.execute()
			.path("agencies.edges[*].node.code")
			.entityList(String.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private static String agencyCode(Map<String, Object> row) {
		return (String) ((Map<String, Object>) row.get("agency")).get("code");
	}

}
