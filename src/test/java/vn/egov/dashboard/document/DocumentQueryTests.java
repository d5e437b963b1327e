package vn.egov.dashboard.document;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Legal documents and the basis graph through the GraphQL endpoint, on the demo data.
 */
class DocumentQueryTests extends IntegrationTests {

	@Test
	void shouldWalkTheLegalBasisOfTheGuidanceFor2020() {
		this.graphQl.documentName("document/document")
			.variable("number", "2055/BTTTT-THH")
			.execute()
			.path("document.kind")
			.entity(String.class)
			.isEqualTo("OFFICIAL_LETTER")
			.path("document.issuedOn")
			.entity(String.class)
			.isEqualTo("2019-06-27")
			.path("document.basedOn[*].number")
			.entityList(String.class)
			.contains("1819/QĐ-TTg", "64/2007/NĐ-CP", "17/NQ-CP");
	}

	@Test
	void shouldFollowTheGraphBackwardsThroughCitedBy() {
		this.graphQl.documentName("document/document")
			.variable("number", "1819/QĐ-TTg")
			.execute()
			.path("document.issuedOn")
			.entity(String.class)
			.isEqualTo("2015-10-26")
			.path("document.kindName")
			.entity(String.class)
			.isEqualTo("Quyết định")
			.path("document.citedBy[*].number")
			.entityList(String.class)
			.contains("2055/BTTTT-THH", "62/QĐ-BTTTT");
	}

	@Test
	void shouldListTheFiveTasksOfLetter50WithTheOneDeadlineItSets() {
		this.graphQl.documentName("document/document")
			.variable("number", "50/BTTTT-CĐSQG")
			.execute()
			.path("document.basedOn[*].number")
			.entityList(String.class)
			.contains("1690/QĐ-TTg")
			.path("document.tasks[*].number")
			.entityList(Integer.class)
			.containsExactly(1, 2, 3, 4, 5)
			// Only task 2 ("gửi Bộ Thông tin và Truyền thông trước ngày 15/01/2024") has
			// a
			// deadline in the letter.
			.path("document.tasks[*].dueOn")
			.entityList(Object.class)
			.satisfies((list) -> assertThat(list).containsExactly(null, "2024-01-15", null, null, null));
	}

	@Test
	void shouldAnswerNullForAnUnknownNumber() {
		this.graphQl.documentName("document/document")
			.variable("number", "9999/QĐ-TTg")
			.execute()
			.path("document")
			.valueIsNull();
	}

	@Test
	void shouldSearchTitlesWithoutDiacritics() {
		this.graphQl.documentName("document/documents")
			.variable("search", "chuong trinh quoc gia ve ung dung cong nghe thong tin")
			.execute()
			.path("documents.edges[*].node.number")
			.entityList(String.class)
			.contains("1819/QĐ-TTg");
		this.graphQl.documentName("document/documents")
			.variable("search", "1819/qđ-ttg")
			.execute()
			.path("documents.edges[*].node.number")
			.entityList(String.class)
			.containsExactly("1819/QĐ-TTg");
	}

	@Test
	void shouldPageNewestFirstWithoutRepeatsOrGaps() {
		int total = this.graphQl.documentName("document/documents")
			.execute()
			.path("documents.totalCount")
			.entity(Integer.class)
			.get();
		List<String> dates = new ArrayList<>();
		List<String> numbers = new ArrayList<>();
		String after = null;
		boolean hasNext = true;
		while (hasNext) {
			var response = this.graphQl.documentName("document/documents")
				.variable("first", 3)
				.variable("after", after)
				.execute();
			numbers.addAll(response.path("documents.edges[*].node.number").entityList(String.class).get());
			response.path("documents.edges[*].node.issuedOn")
				.entityList(String.class)
				.get()
				.forEach((d) -> dates.add((d != null) ? d : "0001-01-01"));
			hasNext = response.path("documents.pageInfo.hasNextPage").entity(Boolean.class).get();
			after = response.path("documents.pageInfo.endCursor").entity(String.class).get();
		}
		assertThat(numbers).hasSize(total).doesNotHaveDuplicates();
		assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
	}

}
