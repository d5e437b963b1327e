package vn.egov.dashboard.traffic;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.traffic.*} settings.
 *
 * @param flushInterval how often buffered hits are written
 * @param flushSize pending hits that trigger a flush before the interval is up
 * @param bufferCapacity pending hits beyond which new hits are dropped (and counted)
 * until a flush succeeds
 * @param maxHitsPerRequest hits one request may carry: one beacon request, or one GraphQL
 * operation over all its {@code recordHits} fields
 * @param maxPagesPerSite pages hits may create per site; past it, hits for a path the
 * site has no page for are rejected (curated pages do not count and are always counted)
 * @param visitorSalt secret key of the hash under which visitor ids are counted; blank: a
 * random key per start (counts stay exact, but a restart or a second instance sees
 * returning visitors as new ones)
 */
@ConfigurationProperties("egov.traffic")
record TrafficProperties(@DefaultValue("1s") Duration flushInterval, @DefaultValue("5000") int flushSize,
		@DefaultValue("200000") int bufferCapacity, @DefaultValue("100") int maxHitsPerRequest,
		@DefaultValue("20000") int maxPagesPerSite, @DefaultValue("") String visitorSalt) {

	TrafficProperties {
		if (maxHitsPerRequest < 1) {
			throw new IllegalArgumentException("egov.traffic.max-hits-per-request must be at least 1");
		}
		if (maxPagesPerSite < 0) {
			throw new IllegalArgumentException("egov.traffic.max-pages-per-site must not be negative");
		}
	}

}
