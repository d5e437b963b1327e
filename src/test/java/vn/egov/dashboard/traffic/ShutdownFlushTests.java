package vn.egov.dashboard.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.EgovDashboardApplication;
import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful stop loses no hit: a second server on the same database, set never to flush
 * on its own, takes hits over HTTP and is then closed; everything it answered 202 for is
 * in the database afterwards.
 */
class ShutdownFlushTests extends IntegrationTests {

	@Autowired
	private SiteDirectory directory;

	@Test
	void shouldWriteEveryBufferedHitWhenTheServerStops() {
		String site = TestSites.create(this.db, this.directory);
		// Command-line arguments, which override application.yml (the builder's default
		// properties would not).
		ConfigurableApplicationContext second = new SpringApplicationBuilder(EgovDashboardApplication.class).run(
				"--DB_NAME=" + TestDatabase.NAME, "--server.port=0", "--spring.main.banner-mode=off",
				"--egov.traffic.flush-interval=1h", "--egov.traffic.flush-size=1000000");
		int accepted = 0;
		try {
			int port = second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			WebTestClient http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
			for (int request = 0; request < 50; request++) {
				List<Map<String, Object>> hits = new ArrayList<>();
				for (int i = 0; i < 20; i++) {
					hits.add(Map.of("site", site, "path", "/page-" + (i % 4), "visitorId", "reader-" + (request % 10)));
				}
				http.post()
					.uri("/api/hits")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(hits)
					.exchange()
					.expectStatus()
					.isEqualTo(HttpStatus.ACCEPTED)
					.expectBody()
					.jsonPath("$.accepted")
					.isEqualTo(20);
				accepted += 20;
			}
			assertThat(count("traffic_bucket", "site_code = '" + site + "'")).as("nothing written before the stop")
				.isZero();
		}
		finally {
			second.close();
		}
		assertThat(accepted).isEqualTo(1000);
		assertThat(sum("SELECT sum(views) FROM traffic_bucket WHERE granularity = 'DAY' AND site_code = :site", site))
			.isEqualTo(1000);
		assertThat(
				sum("SELECT sum(visitors) FROM traffic_bucket WHERE granularity = 'DAY' AND site_code = :site", site))
			.isEqualTo(10);
		assertThat(sum("SELECT sum(views) FROM page WHERE site_code = :site", site)).isEqualTo(1000);
	}

	private long sum(String sql, String site) {
		return this.db.sql(sql).bind("site", site).map((row) -> ((Number) row.get(0)).longValue()).one().block();
	}

}
