package vn.egov.dashboard.traffic;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The beacon {@code POST /api/hits} and the {@code recordHits} mutation, each test on a
 * site of its own.
 */
class BeaconTests extends IntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private SiteDirectory directory;

	@Autowired
	private HitFlusher flusher;

	@Autowired
	private MeterRegistry meters;

	private WebTestClient http;

	private String site;

	@BeforeEach
	void setUp() {
		this.http = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		this.site = TestSites.create(this.db, this.directory);
	}

	@Test
	void shouldCountTheGoodHitsOfABatchAndRejectTheBadOnes() {
		double rejectedBefore = counter("egov.hits.rejected");
		double acceptedBefore = counter("egov.hits.accepted");
		List<Map<String, Object>> hits = List.of(hit("/", "Trang chủ", "reader-1", false),
				Map.of("site", "NO-SUCH-SITE", "path", "/"), hit("/tin-tuc/a", "Bài A", "reader-1", false),
				Map.of("site", this.site, "title", "no path"), hit("/tin-tuc/a", "x".repeat(301), "reader-2", false),
				hit("/bad\u0000path", "NUL in the path", "reader-2", false),
				hit("/tin-tuc/a#comments", "Bài A", "reader-2", true),
				Map.of("site", this.site, "path", "/", "member", "yes"), hit("/", null, "v".repeat(129), false),
				Map.of("site", 42, "path", "/"), hit("/", "Trang chủ", null, false));
		this.http.post()
			.uri("/api/hits")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(hits)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED)
			.expectBody()
			.jsonPath("$.accepted")
			.isEqualTo(4)
			.jsonPath("$.rejected")
			.isEqualTo(7)
			.jsonPath("$.rejections[*].index")
			.isEqualTo(List.of(1, 3, 4, 5, 7, 8, 9))
			.jsonPath("$.rejections[*].field")
			.isEqualTo(List.of("site", "path", "title", "path", "member", "visitorId", "site"));
		assertThat(counter("egov.hits.rejected") - rejectedBefore).isEqualTo(7);
		assertThat(counter("egov.hits.accepted") - acceptedBefore).isEqualTo(4);

		this.flusher.flush();
		for (String granularity : List.of("MINUTE", "HOUR", "DAY", "WEEK", "MONTH")) {
			assertThat(sum("views", granularity)).as(granularity).isEqualTo(4);
			assertThat(sum("member_views", granularity)).as(granularity).isEqualTo(1);
			// reader-1, reader-2, and the hit without a visitor id (known by address and
			// user agent)
			assertThat(sum("visitors", granularity)).as(granularity).isEqualTo(3);
		}
		assertThat(pageViews("/")).isEqualTo(2);
		assertThat(pageViews("/tin-tuc/a")).isEqualTo(2);
		assertThat(count("page", "site_code = '" + this.site + "'")).isEqualTo(2);
		assertThat(count("page_day", "site_code = '" + this.site + "'")).isEqualTo(2);
	}

	@Test
	void shouldCountAReturningVisitorOnceAcrossFlushes() {
		post(List.of(hit("/", "Trang chủ", "same-reader", false)));
		this.flusher.flush();
		post(List.of(hit("/", "Trang chủ", "same-reader", false), hit("/", "Trang chủ", "other-reader", false)));
		this.flusher.flush();
		assertThat(sum("views", "DAY")).isEqualTo(3);
		assertThat(sum("visitors", "DAY")).isEqualTo(2);
		assertThat(sum("visitors", "MONTH")).isEqualTo(2);
	}

	@Test
	void shouldAcceptOneHitSentAsTextPlainLikeSendBeacon() {
		this.http.post()
			.uri("/api/hits")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue(
					"{\"site\":\"" + this.site + "\",\"path\":\"/lien-he\",\"title\":\"Liên hệ\",\"visitorId\":\"b1\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED)
			.expectBody()
			.jsonPath("$.accepted")
			.isEqualTo(1);
		this.flusher.flush();
		this.graphQl.documentName("traffic/page")
			.variable("siteCode", this.site)
			.variable("path", "/lien-he")
			.execute()
			.path("page.views")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("page.title")
			.valueIsNull()
			.path("page.reportedTitle")
			.entity(String.class)
			.isEqualTo("Liên hệ");
	}

	@Test
	void shouldRefuseABodyThatIsNotHits() {
		this.http.post()
			.uri("/api/hits")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{not json")
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.http.post()
			.uri("/api/hits")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("\"a string\"")
			.exchange()
			.expectStatus()
			.isBadRequest();
		List<Map<String, Object>> tooMany = java.util.Collections.nCopies(101, hit("/", null, "r", false));
		this.http.post()
			.uri("/api/hits")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(tooMany)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		this.flusher.flush();
		assertThat(count("traffic_bucket", "site_code = '" + this.site + "'")).isZero();
	}

	@Test
	void shouldAllowCrossOriginCallsFromARegisteredPortal() {
		// HANOI's base_url is https://hanoi.gov.vn; who else may call: embed.CorsTests.
		this.http.method(HttpMethod.OPTIONS)
			.uri("/api/hits")
			.header(HttpHeaders.ORIGIN, "https://hanoi.gov.vn")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://hanoi.gov.vn");
		this.http.post()
			.uri("/api/hits")
			.header(HttpHeaders.ORIGIN, "https://hanoi.gov.vn")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(hit("/", null, "c", false))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://hanoi.gov.vn");
	}

	@Test
	void shouldRecordHitsThroughGraphQl() {
		this.graphQl.documentName("traffic/recordHits")
			.variable("hits",
					List.of(Map.of("site", this.site, "path", "/gq", "visitorId", "g1"),
							Map.of("site", this.site, "path", "no-slash")))
			.execute()
			.path("recordHits.accepted")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("recordHits.rejected")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("recordHits.rejections[0].field")
			.entity(String.class)
			.isEqualTo("path");
		this.flusher.flush();
		assertThat(pageViews("/gq")).isEqualTo(1);
	}

	@Test
	void shouldNeverLetAnonymousHitsChangeACuratedTitle() {
		// A seed page of the demo data: curated, with the title its source printed.
		String path = "/tin-tuc/huong-dan-xay-dung-ke-hoach-ung-dung-cntt-nam-2020";
		String curated = this.db.sql("SELECT title FROM page WHERE site_code = 'CDSQG' AND path = :path")
			.bind("path", path)
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(curated).startsWith("Bộ Thông tin và Truyền thông: Hướng dẫn");
		this.http.post()
			.uri("/api/hits")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("site", "CDSQG", "path", path, "title", "<b>HACKED</b> tin giả"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED);
		this.graphQl.documentName("traffic/recordHits")
			.variable("hits", List.of(Map.of("site", "CDSQG", "path", path, "title", "<b>HACKED</b> again")))
			.execute()
			.path("recordHits.accepted")
			.entity(Integer.class)
			.isEqualTo(1);
		this.flusher.flush();
		this.graphQl.documentName("traffic/page")
			.variable("siteCode", "CDSQG")
			.variable("path", path)
			.execute()
			.path("page.title")
			.entity(String.class)
			.isEqualTo(curated)
			.path("page.reportedTitle")
			.valueIsNull()
			.path("page.curated")
			.entity(Boolean.class)
			.isEqualTo(true);
		String today = java.time.LocalDate.now(Granularity.ZONE).toString();
		this.graphQl.documentName("traffic/topPages")
			.variable("siteCode", "CDSQG")
			.variable("from", today)
			.variable("to", today)
			.variable("first", 100)
			.execute()
			.path("topPages[?(@.path == '" + path + "')].title")
			.entityList(String.class)
			.containsExactly(curated);
	}

	@Test
	void shouldKeepTheFirstTitleReportedForAPageThatHitsCreatedApartFromCuratedTitles() {
		post(List.of(hit("/bai-moi", "Tiêu đề đầu tiên", "r1", false)));
		this.flusher.flush();
		post(List.of(hit("/bai-moi", "<b>HACKED</b>", "r2", false)));
		this.flusher.flush();
		this.graphQl.documentName("traffic/page")
			.variable("siteCode", this.site)
			.variable("path", "/bai-moi")
			.execute()
			.path("page.views")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("page.title")
			.valueIsNull()
			.path("page.reportedTitle")
			.entity(String.class)
			.isEqualTo("Tiêu đề đầu tiên")
			.path("page.curated")
			.entity(Boolean.class)
			.isEqualTo(false);
	}

	@Test
	void shouldCapTheHitsOfAWholeOperationNotOfEachAlias() {
		List<Map<String, Object>> hundred = java.util.Collections.nCopies(100,
				Map.of("site", this.site, "path", "/alias", "visitorId", "a"));
		String thirty = java.util.stream.IntStream.range(0, 30)
			.mapToObj((i) -> "a" + i + ": recordHits(hits: $hits) { accepted }")
			.collect(java.util.stream.Collectors.joining(" ", "mutation($hits: [HitInput!]!) { ", " }"));
		this.graphQl.document(thirty)
			.variable("hits", hundred)
			.execute()
			.errors()
			.expect((e) -> e.getErrorType().toString().equals("BAD_REQUEST")
					&& "hits".equals(e.getExtensions().get("field")) && e.getMessage().contains("3000"))
			.verify()
			.path("a0")
			.pathDoesNotExist();
		// Two aliases of 50 hits: 100 in the operation, within the cap.
		List<Map<String, Object>> fifty = hundred.subList(0, 50);
		this.graphQl
			.document("mutation($hits: [HitInput!]!) { a: recordHits(hits: $hits) { accepted } "
					+ "b: recordHits(hits: $hits) { accepted } }")
			.variable("hits", fifty)
			.execute()
			.path("a.accepted")
			.entity(Integer.class)
			.isEqualTo(50)
			.path("b.accepted")
			.entity(Integer.class)
			.isEqualTo(50);
		this.flusher.flush();
		assertThat(sum("views", "DAY")).isEqualTo(100);
	}

	private Map<String, Object> hit(String path, String title, String visitorId, boolean member) {
		Map<String, Object> hit = new java.util.HashMap<>();
		hit.put("site", this.site);
		hit.put("path", path);
		hit.put("member", member);
		if (title != null) {
			hit.put("title", title);
		}
		if (visitorId != null) {
			hit.put("visitorId", visitorId);
		}
		return hit;
	}

	private void post(List<Map<String, Object>> hits) {
		this.http.post()
			.uri("/api/hits")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(hits)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.ACCEPTED);
	}

	private long sum(String column, String granularity) {
		return this.db
			.sql("SELECT coalesce(sum(" + column
					+ "), 0) FROM traffic_bucket WHERE site_code = :site AND granularity = :g")
			.bind("site", this.site)
			.bind("g", granularity)
			.map((row) -> ((Number) row.get(0)).longValue())
			.one()
			.block();
	}

	private long pageViews(String path) {
		return this.db.sql("SELECT views FROM page WHERE site_code = :site AND path = :path")
			.bind("site", this.site)
			.bind("path", path)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

	/** A counter's count, summed over its tags. */
	private double counter(String name) {
		return this.meters.get(name)
			.counters()
			.stream()
			.mapToDouble(io.micrometer.core.instrument.Counter::count)
			.sum();
	}

}
