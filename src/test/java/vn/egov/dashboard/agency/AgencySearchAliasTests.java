package vn.egov.dashboard.agency;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search finds the names people type, through the curated alias table (issue 21): each
 * alias, in the spellings it stands for, finds the agencies it names and nothing else.
 */
class AgencySearchAliasTests extends IntegrationTests {

	@Test
	void shouldFindHoChiMinhCityByItsAbbreviationsAndOldName() {
		for (String search : List.of("TP HCM", "tp hcm", "TP.HCM", "TPHCM", "TP. HCM", "HCM", "hcmc", "Sài Gòn",
				"sai gon", "Saigon", "TP Sài Gòn")) {
			assertThat(codes(search)).as(search).containsExactly("P79", "P79-2025");
		}
	}

	@Test
	void shouldFindDakLakByItsOtherSpellings() {
		for (String search : List.of("Daklak", "DAKLAK", "Đắc Lắc", "dac lac", "Darlac", "Đắk Lắk", "dak lak")) {
			assertThat(codes(search)).as(search).containsExactly("P66", "P66-2025");
		}
		assertThat(codes("Daknong")).containsExactly("P67");
		assertThat(codes("Đắc Nông")).containsExactly("P67");
	}

	@Test
	void shouldFindThuaThienHueAndTheCityOfHueByTheAbbreviation() {
		for (String search : List.of("TT Huế", "tt hue", "TT-Huế", "TTHuế", "TTH")) {
			assertThat(codes(search)).as(search).containsExactly("P46", "P46-2025");
		}
	}

	@Test
	void shouldFindHaNoiByItsAbbreviation() {
		// "HN" alone is no alias: as two letters, it is in the names of five central
		// agencies.
		assertThat(codes("TP HN")).containsExactly("P01");
		assertThat(codes("tp.hn")).containsExactly("P01");
	}

	@Test
	void shouldFindMinistriesByTheirAbbreviations() {
		assertThat(codes("Bộ TT&TT")).containsExactly("BTTTT");
		assertThat(codes("bo tttt")).containsExactly("BTTTT");
		assertThat(codes("Bộ KH&CN")).containsExactly("BKHCN");
		assertThat(codes("Bộ KH&ĐT")).containsExactly("BKHDT");
		assertThat(codes("bo gd&dt")).containsExactly("BGDDT");
	}

	@Test
	void shouldFoldBothTonePlacementsAndDecomposedText() {
		// "Hoà" (old style, mark on a) and "Hòa" (new style, mark on o), precomposed or
		// not.
		for (String search : List.of("Hoà Bình", "Hòa Bình", "Hoa\u0300 Bi\u0300nh", "Ho\u0300a Bi\u0300nh")) {
			assertThat(codes(search)).as(search).containsExactly("P17");
		}
		assertThat(codes("Khánh Hoà")).containsExactly("P56", "P56-2025");
		assertThat(codes("Thanh Hoá")).containsExactly("P38");
	}

	@Test
	void shouldMatchAnAliasOnlyAsTheWholeSearch() {
		// "hcm" inside other words, and the mausoleum board named after Hồ Chí Minh, are
		// not the city.
		assertThat(codes("ho chi minh")).contains("BQLL", "P79");
		assertThat(codes("HCM x")).isEmpty();
		assertThat(codes("Huế")).contains("P46", "P46-2025");
		assertThat(codes("TT")).doesNotContain("P46");
	}

	private List<String> codes(String search) {
		return this.graphQl.documentName("agency/agencies")
			.variable("filter", Map.of("search", search))
			.variable("first", 100)
			.execute()
			.path("agencies.edges[*].node.code")
			.entityList(String.class)
			.get();
	}

}
