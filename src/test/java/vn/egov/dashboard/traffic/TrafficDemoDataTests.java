package vn.egov.dashboard.traffic;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed portal's published figures are true in the demo data, at the moments they were
 * read.
 */
class TrafficDemoDataTests extends IntegrationTests {

	@Test
	void shouldReadTheSeedTotalAtTheSeedMoment() {
		assertThat(totalVisits("CDSQG", "2025-11-20T10:00:00+07:00")).isEqualTo(20_102_841L);
	}

	@Test
	void shouldReadEveryPublishedReadingAtItsMoment() {
		var response = this.graphQl.documentName("traffic/sites").execute();
		List<String> readAt = response.path("sites[?(@.code == 'CDSQG')].readings[*].readAt")
			.entityList(String.class)
			.get();
		List<Long> totals = response.path("sites[?(@.code == 'CDSQG')].readings[*].totalVisits")
			.entityList(Long.class)
			.get();
		List<Integer> guests = response.path("sites[?(@.code == 'CDSQG')].readings[*].guestsOnline")
			.entityList(Integer.class)
			.get();
		assertThat(totals).containsExactly(19_817_961L, 20_102_841L);
		assertThat(guests).containsExactly(49, 37);
		for (int i = 0; i < readAt.size(); i++) {
			assertThat(totalVisits("CDSQG", readAt.get(i))).as(readAt.get(i)).isEqualTo(totals.get(i));
		}
		assertThat(readAt.get(0)).startsWith("2025-10-");
	}

	@Test
	void shouldCarryTheSeedArticleViews() {
		this.graphQl.documentName("traffic/page")
			.variable("siteCode", "CDSQG")
			.variable("path", "/tin-tuc/tinh-hoa-binh-phan-dau-60-van-ban-trao-doi-dien-tu-nam-2017")
			.execute()
			.path("page.views")
			.entity(Integer.class)
			.isEqualTo(384)
			.path("page.title")
			.entity(String.class)
			.isEqualTo(
					"Tỉnh Hòa Bình phấn đấu 60% văn bản trao đổi giữa các cơ quan nhà nước dưới dạng điện tử trong năm 2017");
	}

	@Test
	void shouldLabelGeneratedSitesAndBuckets() {
		this.graphQl.documentName("traffic/sites")
			.execute()
			.path("sites[*].code")
			.entityList(String.class)
			.contains("CDSQG", "DANANG", "HANOI")
			.path("sites[?(@.code == 'HANOI')].note")
			.entityList(String.class)
			.satisfies((notes) -> assertThat(notes.get(0)).contains("sample data"))
			.path("sites[?(@.code == 'CDSQG')].agency.code")
			.entityList(String.class)
			.containsExactly("BTTTT");
		this.graphQl.documentName("traffic/traffic")
			.variable("siteCode", "HANOI")
			.variable("from", "2025-03-01T00:00:00+07:00")
			.variable("to", "2025-03-02T00:00:00+07:00")
			.variable("granularity", "HOUR")
			.execute()
			.path("traffic[*].sample")
			.entityList(Boolean.class)
			.hasSize(24)
			.satisfies((samples) -> assertThat(samples).containsOnly(true));
	}

	@Test
	void shouldAnswerAYearByDayFromTheDailyRollUp() {
		var response = this.graphQl.documentName("traffic/traffic")
			.variable("siteCode", "CDSQG")
			.variable("from", "2024-11-20T00:00:00+07:00")
			.variable("to", "2025-11-20T10:00:00+07:00")
			.variable("granularity", "DAY")
			.execute();
		List<Long> views = response.path("traffic[*].views").entityList(Long.class).get();
		assertThat(views).hasSize(366);
		long year = views.stream().mapToLong(Long::longValue).sum();
		// The counter grew by exactly the year's views: offset + year = the seed total.
		Long offset = this.graphQl.documentName("traffic/sites")
			.execute()
			.path("sites[?(@.code == 'CDSQG')].visitOffset")
			.entityList(Long.class)
			.get()
			.get(0);
		assertThat(offset + year).isEqualTo(20_102_841L);
	}

	private long totalVisits(String site, String asOf) {
		return this.graphQl.documentName("traffic/siteStats")
			.variable("siteCode", site)
			.variable("asOf", asOf)
			.execute()
			.path("siteStats.totalVisits")
			.entity(Double.class)
			.get()
			.longValue();
	}

}
