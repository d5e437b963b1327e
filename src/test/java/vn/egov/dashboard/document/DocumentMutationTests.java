package vn.egov.dashboard.document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.graphql.test.tester.GraphQlTester;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating and correcting legal documents through the GraphQL endpoint. Each test adds
 * documents of its own numbers.
 */
class DocumentMutationTests extends IntegrationTests {

	@Test
	void shouldCreateADocumentWithItsBasisAndCorrectIt() {
		GraphQlTester.Response created = create(Map.of("number", "411/QĐ-TTg", "kind", "DECISION", "issuer",
				"Thủ tướng Chính phủ", "issuedOn", "2022-03-31", "title",
				"Phê duyệt Chiến lược quốc gia phát triển kinh tế số và xã hội số đến năm 2025, định hướng đến năm 2030",
				"titleEn", "National strategy for the digital economy and digital society to 2025, towards 2030", "url",
				"https://vanban.chinhphu.vn/?pageid=27160&docid=205492", "basedOn", List.of("749/QĐ-TTg", "17/NQ-CP")));
		created.path("createDocument.kindName").entity(String.class).isEqualTo("Quyết định");
		created.path("createDocument.basedOn[*].number")
			.entityList(String.class)
			.containsExactly("17/NQ-CP", "749/QĐ-TTg");
		// The graph walks both ways.
		this.graphQl.document("{ document(number: \"749/QĐ-TTg\") { citedBy { number } } }")
			.execute()
			.path("document.citedBy[*].number")
			.entityList(String.class)
			.contains("411/QĐ-TTg");
		GraphQlTester.Response updated = asAdmin().documentName("document/updateDocument")
			.variable("input",
					Map.of("number", "411/QĐ-TTg", "summary", "Mục tiêu: kinh tế số chiếm 20% GDP năm 2025.", "basedOn",
							List.of("749/QĐ-TTg")))
			.execute();
		updated.path("updateDocument.summary")
			.entity(String.class)
			.isEqualTo("Mục tiêu: kinh tế số chiếm 20% GDP năm 2025.");
		updated.path("updateDocument.issuedOn").entity(String.class).isEqualTo("2022-03-31");
		updated.path("updateDocument.titleEn")
			.entity(String.class)
			.isEqualTo("National strategy for the digital economy and digital society to 2025, towards 2030");
		updated.path("updateDocument.basedOn[*].number").entityList(String.class).containsExactly("749/QĐ-TTg");
		assertThat(count("audit_entry", "action = 'createDocument' AND entity_id = '411/QĐ-TTg'")).isEqualTo(1);
		assertThat(count("audit_entry",
				"action = 'updateDocument' AND entity_id = '411/QĐ-TTg' "
						+ "AND old_value->'basedOn' = '[\"17/NQ-CP\", \"749/QĐ-TTg\"]'::jsonb "
						+ "AND new_value->'basedOn' = '[\"749/QĐ-TTg\"]'::jsonb"))
			.isEqualTo(1);
	}

	@Test
	void shouldRefuseBadInputAndWriteNothing() {
		Map<String, Object> good = Map.of("number", "12/CT-TTg-test", "kind", "DIRECTIVE", "issuer",
				"Thủ tướng Chính phủ", "issuedOn", "2019-05-24", "title", "Chỉ thị thử");
		expectBadRequest(create(with(good, "number", " ")), "number");
		expectBadRequest(create(with(good, "number", "1819/QĐ-TTg")), "number");
		expectBadRequest(create(with(good, "issuedOn", "2199-01-01")), "issuedOn");
		expectBadRequest(create(with(good, "url", "javascript:alert(1)")), "url");
		expectBadRequest(create(with(good, "title", "x".repeat(1001))), "title");
		expectBadRequest(create(with(good, "basedOn", List.of("17/NQ-CP", "17/NQ-CP"))), "basedOn[1]");
		// 749/QĐ-TTg (2020) cannot be the basis of a 2019 directive.
		expectBadRequest(create(with(good, "basedOn", List.of("749/QĐ-TTg"))), "basedOn");
		expectBadRequest(create(with(good, "basedOn", List.of("12/CT-TTg-test"))), "basedOn");
		expectNotFound(create(with(good, "basedOn", List.of("17/NQ-CP", "1/XX"))), "No legal document numbered '1/XX'");
		assertThat(count("legal_document", "number = '12/CT-TTg-test'")).isZero();
		assertThat(count("audit_entry", "entity_id = '12/CT-TTg-test'")).isZero();
		// A cycle: A cannot be based on B, which rests on A.
		create(Map.of("number", "1/CYCLE-A", "kind", "NOTICE", "issuer", "Thử", "title", "A", "basedOn",
				List.of("17/NQ-CP")))
			.path("createDocument.number")
			.entity(String.class)
			.isEqualTo("1/CYCLE-A");
		create(Map.of("number", "1/CYCLE-B", "kind", "NOTICE", "issuer", "Thử", "title", "B", "basedOn",
				List.of("1/CYCLE-A")))
			.path("createDocument.number")
			.entity(String.class)
			.isEqualTo("1/CYCLE-B");
		expectBadRequest(asAdmin().documentName("document/updateDocument")
			.variable("input", Map.of("number", "1/CYCLE-A", "basedOn", List.of("1/CYCLE-B")))
			.execute(), "basedOn");
		expectNotFound(asAdmin().documentName("document/updateDocument")
			.variable("input", Map.of("number", "1/NO-SUCH", "title", "x"))
			.execute(), "No legal document numbered '1/NO-SUCH'");
		this.graphQl.document("{ document(number: \"1/CYCLE-A\") { basedOn { number } } }")
			.execute()
			.path("document.basedOn[*].number")
			.entityList(String.class)
			.containsExactly("17/NQ-CP");
	}

	@Test
	void shouldLetOnlyAnalystsAndAdminsWrite() {
		Map<String, Object> input = Map.of("number", "9/AUTH-TEST", "kind", "NOTICE", "issuer", "Thử", "title", "T");
		this.graphQl.documentName("document/createDocument")
			.variable("input", input)
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("UNAUTHORIZED"))
			.verify();
		asEditorOf("P01").documentName("document/createDocument")
			.variable("input", input)
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
		asEditorOf("BTTTT").documentName("document/updateDocument")
			.variable("input", Map.of("number", "17/NQ-CP", "title", "x"))
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("FORBIDDEN"))
			.verify();
		assertThat(count("legal_document", "number = '9/AUTH-TEST' OR title = 'x'")).isZero();
		as(Role.ANALYST, null).documentName("document/createDocument")
			.variable("input", input)
			.execute()
			.path("createDocument.number")
			.entity(String.class)
			.isEqualTo("9/AUTH-TEST");
	}

	private GraphQlTester.Response create(Map<String, Object> input) {
		return asAdmin().documentName("document/createDocument").variable("input", input).execute();
	}

	private static Map<String, Object> with(Map<String, Object> input, String key, Object value) {
		Map<String, Object> changed = new HashMap<>(input);
		changed.put(key, value);
		return changed;
	}

}
