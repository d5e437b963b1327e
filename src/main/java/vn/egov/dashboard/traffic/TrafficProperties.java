package vn.egov.dashboard.traffic;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.traffic.*} settings.
 *
 * @param flushInterval how often buffered hits are written
 * @param flushSize pending hits that trigger a flush before the interval is up
 * @param bufferCapacity pending hits beyond which new hits are dropped (and counted)
 * until a flush succeeds
 * @param maxHitsPerRequest hits one beacon request may carry
 * @param visitorSalt secret key of the hash under which visitor ids are counted; blank: a
 * random key per start (counts stay exact, but a restart or a second instance sees
 * returning visitors as new ones)
 * @param visitorCookie name of the first-party cookie that identifies a browser (polls
 * use it as the voter)
 * @param cookieSecure whether that cookie is sent over HTTPS only
 * @param corsOrigins origins allowed to call the beacon from a browser (read by the
 * beacon's {@code @CrossOrigin})
 */
@ConfigurationProperties("egov.traffic")
record TrafficProperties(@DefaultValue("1s") Duration flushInterval, @DefaultValue("5000") int flushSize,
		@DefaultValue("200000") int bufferCapacity, @DefaultValue("100") int maxHitsPerRequest,
		@DefaultValue("") String visitorSalt, @DefaultValue("egov_vid") String visitorCookie,
		@DefaultValue("false") boolean cookieSecure, @DefaultValue("*") List<String> corsOrigins) {

}
