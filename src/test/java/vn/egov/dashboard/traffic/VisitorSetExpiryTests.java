package vn.egov.dashboard.traffic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visitor sets are kept only while their bucket can still receive hits; the counts stay.
 * (Housekeeping is global: asking it to run eleven minutes ahead also drops other sites'
 * current minute sets, which no other test relies on across its own flush.)
 */
class VisitorSetExpiryTests extends IntegrationTests {

	@Autowired
	private SiteDirectory directory;

	@Autowired
	private HitService hits;

	@Autowired
	private HitFlusher flusher;

	@Autowired
	private Clock clock;

	private String site;

	@BeforeEach
	void setUp() {
		this.site = TestSites.create(this.db, this.directory);
	}

	@Test
	void shouldDropTheSetsOfClosedBucketsAndKeepTheCounts() {
		Instant now = this.clock.instant();
		this.hits.record(
				List.of(new Hit(this.site, "/", null, "reader", false), new Hit(this.site, "/", null, "reader", false)),
				"test", now);
		this.flusher.flush();
		assertThat(sets("true")).isEqualTo(5);

		this.flusher.housekeeping(now);
		assertThat(sets("true")).as("all buckets still open").isEqualTo(5);

		this.flusher.housekeeping(now.plus(Duration.ofMinutes(11)));
		assertThat(sets("granularity = 'MINUTE'")).as("the minute has closed").isZero();
		assertThat(sets("granularity <> 'MINUTE'")).as("the hour, day, week and month have not").isEqualTo(4);

		assertThat(count("traffic_bucket", "site_code = '" + this.site + "' AND visitors = 1 AND views = 2"))
			.isEqualTo(5);
	}

	private long sets(String condition) {
		return count("traffic_visitor", "site_code = '" + this.site + "' AND " + condition);
	}

}
