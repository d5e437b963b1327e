package vn.egov.dashboard.document;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Documents are found by their numbers as people type them: đ as d, without the issuer,
 * with other punctuation, or by the aliases of the curated table (issue 21).
 */
class DocumentSearchAliasTests extends IntegrationTests {

	@Test
	void shouldFindADocumentNumberWrittenWithDForĐ() {
		assertThat(numbers("1819/QD-TTg")).containsExactly("1819/QĐ-TTg");
		assertThat(numbers("64/2007/ND-CP")).containsExactly("64/2007/NĐ-CP");
		assertThat(numbers("50/BTTTT-CDSQG")).containsExactly("50/BTTTT-CĐSQG");
	}

	@Test
	void shouldFindADocumentNumberWrittenWithOtherPunctuation() {
		assertThat(numbers("1819 QD TTg")).containsExactly("1819/QĐ-TTg");
		assertThat(numbers("1819-qđ-ttg")).containsExactly("1819/QĐ-TTg");
		assertThat(numbers("17 NQ CP")).containsExactly("17/NQ-CP");
	}

	@Test
	void shouldFindEachDocumentAlias() {
		for (String search : List.of("QĐ 1819", "qd1819", "Quyết định 1819", "quyet dinh 1819")) {
			assertThat(numbers(search)).as(search).containsExactly("1819/QĐ-TTg");
		}
		assertThat(numbers("QĐ 749")).containsExactly("749/QĐ-TTg");
		assertThat(numbers("Quyết định 942")).containsExactly("942/QĐ-TTg");
		assertThat(numbers("NQ 17")).containsExactly("17/NQ-CP");
		assertThat(numbers("Nghị quyết 76")).containsExactly("76/NQ-CP");
		assertThat(numbers("NĐ 64")).containsExactly("64/2007/NĐ-CP");
		assertThat(numbers("nghi dinh 64")).containsExactly("64/2007/NĐ-CP");
		assertThat(numbers("Công văn 50")).containsExactly("50/BTTTT-CĐSQG");
		assertThat(numbers("cong van 2055")).containsExactly("2055/BTTTT-THH");
	}

	@Test
	void shouldNotTakeAPartOfANumberForTheNumber() {
		assertThat(numbers("QĐ 18")).isEmpty();
		assertThat(numbers("1819 QD")).isEmpty();
	}

	private List<String> numbers(String search) {
		return this.graphQl.documentName("document/documents")
			.variable("search", search)
			.variable("first", 100)
			.execute()
			.path("documents.edges[*].node.number")
			.entityList(String.class)
			.get();
	}

}
