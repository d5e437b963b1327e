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
 * "Online now": distinct visitors of the last five minutes. Expiry is tested by asking at
 * later moments, not by waiting or by moving the server's clock.
 */
class OnlineNowTests extends IntegrationTests {

	@Autowired
	private SiteDirectory directory;

	@Autowired
	private HitService hits;

	@Autowired
	private HitFlusher flusher;

	@Autowired
	private TrafficRepository traffic;

	@Autowired
	private Clock clock;

	private String site;

	@BeforeEach
	void setUp() {
		this.site = TestSites.create(this.db, this.directory);
	}

	@Test
	void shouldCountGuestsAndMembersOnceEach() {
		Instant now = this.clock.instant();
		this.hits.record(List.of(hit("guest-1", false), hit("guest-1", false), hit("guest-2", false),
				hit("member-1", false), hit("member-1", true)), "test", now);
		this.flusher.flush();
		this.graphQl.documentName("traffic/onlineNow")
			.variable("siteCode", this.site)
			.execute()
			.path("onlineNow.guests")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("onlineNow.members")
			.entity(Integer.class)
			.isEqualTo(1)
			.path("onlineNow.total")
			.entity(Integer.class)
			.isEqualTo(3);
	}

	@Test
	void shouldForgetAVisitorFiveToSixMinutesAfterTheLastHit() {
		Instant seen = this.clock.instant();
		Instant minute = Granularity.MINUTE.start(seen);
		this.hits.record(List.of(hit("reader", false)), "test", seen);
		this.flusher.flush();
		assertThat(online(seen).total()).isEqualTo(1);
		assertThat(online(seen.plus(Duration.ofMinutes(5))).total()).isEqualTo(1);
		assertThat(online(minute.plus(Duration.ofMinutes(6)).minusSeconds(1)).total()).isEqualTo(1);
		assertThat(online(minute.plus(Duration.ofMinutes(6))).total()).isZero();
		assertThat(online(seen.plus(Duration.ofMinutes(30))).total()).isZero();
		// Nor is anyone online before they came.
		assertThat(online(minute.minusSeconds(1)).total()).isZero();
	}

	@Test
	void shouldKeepAReturningVisitorOnline() {
		Instant first = this.clock.instant();
		this.hits.record(List.of(hit("reader", false)), "test", first);
		this.hits.record(List.of(hit("reader", false)), "test", first.plus(Duration.ofMinutes(4)));
		this.flusher.flush();
		assertThat(online(first.plus(Duration.ofMinutes(8))).total()).isEqualTo(1);
		assertThat(online(first.plus(Duration.ofMinutes(11))).total()).isZero();
	}

	private Online online(Instant at) {
		return this.traffic.online(this.site, at).block();
	}

	private Hit hit(String visitor, boolean member) {
		return new Hit(this.site, "/", null, visitor, member);
	}

}
