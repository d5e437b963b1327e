package vn.egov.dashboard.agency;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.graphql.data.pagination.CursorEncoder;
import org.springframework.graphql.data.pagination.CursorStrategy;
import org.springframework.graphql.data.query.ScrollPositionCursorStrategy;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agencies through the GraphQL endpoint, on the demo data.
 */
class AgencyQueryTests extends IntegrationTests {

	@Test
	void shouldCount63ProvincesBeforeTheMergerAnd34After() {
		assertThat(totalCount(Map.of("kinds", List.of("PROVINCE"), "asOf", "2017-01-01"))).isEqualTo(63);
		assertThat(totalCount(Map.of("kinds", List.of("PROVINCE"), "asOf", "2025-12-31"))).isEqualTo(34);
		// Thừa Thiên Huế became Thành phố Huế on 2025-01-01: still 63 units in between.
		assertThat(totalCount(Map.of("kinds", List.of("PROVINCE"), "asOf", "2025-03-01"))).isEqualTo(63);
	}

	@Test
	void shouldCountMinistriesBeforeAndAfterMarch2025() {
		assertThat(totalCount(Map.of("kinds", List.of("MINISTRY"), "asOf", "2024-12-31"))).isEqualTo(18);
		assertThat(totalCount(Map.of("kinds", List.of("MINISTRY"), "asOf", "2025-03-01"))).isEqualTo(14);
		assertThat(
				totalCount(Map.of("kinds", List.of("MINISTERIAL_AGENCY", "GOVERNMENT_AGENCY"), "asOf", "2024-12-31")))
			.isEqualTo(4 + 8);
	}

	@Test
	void shouldFindAgenciesWithoutDiacritics() {
		assertThat(codes(Map.of("search", "hoa binh"))).containsExactly("P17");
		assertThat(codes(Map.of("search", "HÒA BÌNH"))).containsExactly("P17");
		assertThat(codes(Map.of("search", "da nang"))).containsExactly("P48", "P48-2025");
		assertThat(codes(Map.of("search", "dien bien"))).containsExactly("P11");
		assertThat(codes(Map.of("search", "ministry information communications"))).containsExactly("BTTTT");
	}

	@Test
	void shouldTreatSearchWildcardsLiterally() {
		assertThat(codes(Map.of("search", "%"))).isEmpty();
		assertThat(codes(Map.of("search", "_"))).isEmpty();
		assertThat(codes(Map.of("search", "'; DROP TABLE agency; --"))).isEmpty();
	}

	@Test
	void shouldLinkAMergedProvinceToItsSuccessorAndBack() {
		this.graphQl.documentName("agency/agency")
			.variable("code", "P17")
			.execute()
			.path("agency.name")
			.entity(String.class)
			.isEqualTo("Hòa Bình")
			.path("agency.validTo")
			.entity(String.class)
			.isEqualTo("2025-06-30")
			.path("agency.validIn2017")
			.entity(Boolean.class)
			.isEqualTo(true)
			.path("agency.successor.code")
			.entity(String.class)
			.isEqualTo("P25-2025")
			.path("agency.successor.officialCode")
			.entity(String.class)
			.isEqualTo("25");
		this.graphQl.documentName("agency/agency")
			.variable("code", "P25-2025")
			.execute()
			.path("agency.name")
			.entity(String.class)
			.isEqualTo("Phú Thọ")
			.path("agency.predecessors[*].code")
			.entityList(String.class)
			.containsExactly("P17", "P25", "P26");
	}

	@Test
	void shouldLinkAMergedMinistryToItsSuccessor() {
		this.graphQl.documentName("agency/agency")
			.variable("code", "BTTTT")
			.execute()
			.path("agency.validTo")
			.entity(String.class)
			.isEqualTo("2025-02-28")
			.path("agency.successor.code")
			.entity(String.class)
			.isEqualTo("BKHCN");
	}

	@Test
	void shouldAnswerNullForAnUnknownCode() {
		this.graphQl.documentName("agency/agency").variable("code", "NOPE").execute().path("agency").valueIsNull();
	}

	@Test
	void shouldPageThroughEveryAgencyOnceInOrder() {
		int total = totalCount(Map.of());
		List<String> seen = new ArrayList<>();
		String after = null;
		boolean hasNext = true;
		while (hasNext) {
			var response = this.graphQl.documentName("agency/agencies")
				.variable("first", 7)
				.variable("after", after)
				.execute();
			seen.addAll(response.path("agencies.edges[*].node.code").entityList(String.class).get());
			hasNext = response.path("agencies.pageInfo.hasNextPage").entity(Boolean.class).get();
			after = response.path("agencies.pageInfo.endCursor").entity(String.class).get();
		}
		assertThat(seen).hasSize(total).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void shouldRejectAPageSizeOverTheCap() {
		this.graphQl.documentName("agency/agencies")
			.variable("first", 101)
			.execute()
			.errors()
			.expect((error) -> error.getErrorType().toString().equals("BAD_REQUEST")
					&& error.getMessage().contains("first must be between 0 and 100"))
			.verify();
	}

	@Test
	void shouldGiveCursorsThatArePlainJsonOfTheSortKeys() {
		String cursor = this.graphQl.documentName("agency/agencies")
			.variable("first", 1)
			.execute()
			.path("agencies.edges[0].cursor")
			.entity(String.class)
			.get();
		assertThat(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8))
			.isEqualTo("{\"code\":\"BCA\"}");
	}

	@Test
	void shouldStillReadCursorsInSpringsFormat() {
		// Cursors handed out before ours replaced Spring's keyset cursors (which carry
		// Java class names).
		String spring = CursorStrategy.withEncoder(new ScrollPositionCursorStrategy(), CursorEncoder.base64())
			.toCursor(ScrollPosition.forward(Map.of("code", "P01")));
		assertThat(this.graphQl.documentName("agency/agencies")
			.variable("first", 2)
			.variable("after", spring)
			.execute()
			.path("agencies.edges[*].node.code")
			.entityList(String.class)
			.get()).containsExactly("P02", "P04");
	}

	@Test
	void shouldRejectAMadeUpCursor() {
		String wrongKey = Base64.getEncoder().encodeToString("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
		for (String cursor : List.of("garbage", "S19bXQ==", "", wrongKey)) {
			this.graphQl.documentName("agency/agencies")
				.variable("after", cursor)
				.execute()
				.errors()
				.expect((error) -> error.getErrorType().toString().equals("BAD_REQUEST")
						&& error.getMessage().equals("after is not a cursor of this list"))
				.verify();
		}
	}

	private int totalCount(Map<String, Object> filter) {
		return this.graphQl.documentName("agency/agencies")
			.variable("filter", filter)
			.execute()
			.path("agencies.totalCount")
			.entity(Integer.class)
			.get();
	}

	private List<String> codes(Map<String, Object> filter) {
		return this.graphQl.documentName("agency/agencies")
			.variable("filter", filter)
			.variable("first", 100)
			.execute()
			.path("agencies.edges[*].node.code")
			.entityList(String.class)
			.get();
	}

}
