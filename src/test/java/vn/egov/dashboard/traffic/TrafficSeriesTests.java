package vn.egov.dashboard.traffic;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Series bucketing in Vietnam's local time, on hits recorded at chosen moments on a site
 * of the test's own.
 */
class TrafficSeriesTests extends IntegrationTests {

	@Autowired
	private SiteDirectory directory;

	@Autowired
	private HitService hits;

	@Autowired
	private HitFlusher flusher;

	private String site;

	@BeforeEach
	void setUp() {
		this.site = TestSites.create(this.db, this.directory);
	}

	@Test
	void shouldBucketAcrossAMonthBoundaryInLocalTime() {
		// 23:59:30 on 31 January and 00:00:10 on 1 February in Hà Nội are both 31 January
		// in UTC.
		record("2026-01-31T23:59:30+07:00", "reader");
		record("2026-02-01T00:00:10+07:00", "reader");
		record("2026-02-01T00:00:50+07:00", "another");
		this.flusher.flush();

		var months = series("2026-01-01T00:00:00+07:00", "2026-03-01T00:00:00+07:00", "MONTH");
		months.path("traffic[*].start")
			.entityList(String.class)
			.containsExactly("2026-01-01T00:00:00.000+07:00", "2026-02-01T00:00:00.000+07:00");
		months.path("traffic[*].views").entityList(Integer.class).containsExactly(1, 2);
		months.path("traffic[*].visitors").entityList(Integer.class).containsExactly(1, 2);

		var days = series("2026-01-31T00:00:00+07:00", "2026-02-02T00:00:00+07:00", "DAY");
		days.path("traffic[*].views").entityList(Integer.class).containsExactly(1, 2);

		// Saturday 31/1 and Sunday 1/2 are one ISO week: three views, but only two
		// distinct visitors.
		var weeks = series("2026-01-26T00:00:00+07:00", "2026-02-02T00:00:00+07:00", "WEEK");
		weeks.path("traffic[*].start").entityList(String.class).containsExactly("2026-01-26T00:00:00.000+07:00");
		weeks.path("traffic[*].views").entityList(Integer.class).containsExactly(3);
		weeks.path("traffic[*].visitors").entityList(Integer.class).containsExactly(2);

		var hours = series("2026-01-31T22:30:00+07:00", "2026-02-01T02:00:00+07:00", "HOUR");
		hours.path("traffic[*].start")
			.entityList(String.class)
			.containsExactly("2026-01-31T22:00:00.000+07:00", "2026-01-31T23:00:00.000+07:00",
					"2026-02-01T00:00:00.000+07:00", "2026-02-01T01:00:00.000+07:00");
		hours.path("traffic[*].views").entityList(Integer.class).containsExactly(0, 1, 2, 0);

		var minutes = series("2026-01-31T23:59:00+07:00", "2026-02-01T00:01:00+07:00", "MINUTE");
		minutes.path("traffic[*].views").entityList(Integer.class).containsExactly(1, 2);
		minutes.path("traffic[*].visitors").entityList(Integer.class).containsExactly(1, 2);
	}

	@Test
	void shouldBucketAcrossTheYearAndALeapDay() {
		record("2027-12-31T23:30:00+07:00", "r");
		record("2028-01-01T00:30:00+07:00", "r");
		record("2028-02-29T12:00:00+07:00", "r");
		record("2028-03-01T00:00:00+07:00", "r");
		this.flusher.flush();
		series("2027-12-01T00:00:00+07:00", "2028-04-01T00:00:00+07:00", "MONTH").path("traffic[*].views")
			.entityList(Integer.class)
			.containsExactly(1, 1, 1, 1);
		series("2028-02-28T00:00:00+07:00", "2028-03-02T00:00:00+07:00", "DAY").path("traffic[*].views")
			.entityList(Integer.class)
			.containsExactly(0, 1, 1);
	}

	@Test
	void shouldAnswerZerosForARangeWithNothingCounted() {
		record("2026-05-01T12:00:00+07:00", "r");
		this.flusher.flush();
		var days = series("2026-06-01T00:00:00+07:00", "2026-06-03T00:00:00+07:00", "DAY");
		days.path("traffic[*].start")
			.entityList(String.class)
			.containsExactly("2026-06-01T00:00:00.000+07:00", "2026-06-02T00:00:00.000+07:00");
		days.path("traffic[*].views").entityList(Integer.class).containsExactly(0, 0);
		days.path("traffic[*].sample").entityList(Boolean.class).containsExactly(false, false);
	}

	@Test
	void shouldRankTopPagesByViewsInTheRangeThenByPath() {
		record("2026-03-10T09:00:00+07:00", "a", "/b");
		record("2026-03-10T09:00:00+07:00", "a", "/a");
		record("2026-03-11T09:00:00+07:00", "b", "/c");
		record("2026-03-11T09:00:00+07:00", "c", "/c");
		record("2026-03-12T09:00:00+07:00", "d", "/c");
		this.flusher.flush();
		this.graphQl.documentName("traffic/topPages")
			.variable("siteCode", this.site)
			.variable("from", "2026-03-10")
			.variable("to", "2026-03-11")
			.execute()
			.path("topPages[*].path")
			.entityList(String.class)
			.containsExactly("/c", "/a", "/b")
			.path("topPages[*].views")
			.entityList(Integer.class)
			.containsExactly(2, 1, 1);
		this.graphQl.documentName("traffic/topPages")
			.variable("siteCode", this.site)
			.variable("from", "2026-03-10")
			.variable("to", "2026-03-12")
			.variable("first", 1)
			.execute()
			.path("topPages[*].views")
			.entityList(Integer.class)
			.containsExactly(3);
	}

	@Test
	void shouldRefuseASeriesWithTooManyPointsOrBackwards() {
		expectBadRequest(series("2026-01-01T00:00:00+07:00", "2026-01-10T00:00:00+07:00", "MINUTE"));
		expectBadRequest(series("2026-01-10T00:00:00+07:00", "2026-01-01T00:00:00+07:00", "DAY"));
	}

	@Test
	void shouldAnswerNotFoundForAnUnknownSite() {
		this.graphQl.documentName("traffic/traffic")
			.variable("siteCode", "NO-SUCH-SITE")
			.variable("from", "2026-01-01T00:00:00+07:00")
			.variable("to", "2026-01-02T00:00:00+07:00")
			.variable("granularity", "DAY")
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("NOT_FOUND"))
			.verify();
	}

	@Test
	void shouldAddCountedViewsToTheStartingOffset() {
		this.db.sql("UPDATE site SET visit_offset = 1000 WHERE code = :code").bind("code", this.site).then().block();
		record("2026-04-15T10:20:30+07:00", "r");
		record("2026-04-15T10:25:00+07:00", "r");
		this.flusher.flush();
		assertThat(total("2026-04-15T10:20:00+07:00")).isEqualTo(1000);
		assertThat(total("2026-04-15T10:21:00+07:00")).isEqualTo(1001);
		assertThat(total("2026-04-16T00:00:00+07:00")).isEqualTo(1002);
		assertThat(total(null)).isEqualTo(1002);
	}

	private void record(String at, String visitor) {
		record(at, visitor, "/");
	}

	private void record(String at, String visitor, String path) {
		HitReceipt receipt = this.hits.record(List.of(new Hit(this.site, path, null, visitor, false)), "test",
				OffsetDateTime.parse(at).toInstant());
		assertThat(receipt.accepted()).isEqualTo(1);
	}

	private org.springframework.graphql.test.tester.GraphQlTester.Response series(String from, String to,
			String granularity) {
		return this.graphQl.documentName("traffic/traffic")
			.variable("siteCode", this.site)
			.variable("from", from)
			.variable("to", to)
			.variable("granularity", granularity)
			.execute();
	}

	private long total(String asOf) {
		return this.graphQl.documentName("traffic/siteStats")
			.variable("siteCode", this.site)
			.variable("asOf", asOf)
			.execute()
			.path("siteStats.totalVisits")
			.entity(Double.class)
			.get()
			.longValue();
	}

	private static void expectBadRequest(org.springframework.graphql.test.tester.GraphQlTester.Response response) {
		response.errors().expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST")).verify();
	}

}
