package vn.egov.dashboard.embed;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.embed.*} settings: which browser origins may call the API.
 *
 * @param allowedOrigins origins allowed besides the registered sites', each
 * {@code scheme://host[:port]} (e.g. a staging portal, a newsroom's site)
 * @param siteOrigins whether the origin of every registered site's {@code base_url} is
 * allowed
 * @param refreshInterval how often the sites' origins are read again (also after a
 * request from an origin not known yet, at most every few seconds)
 * @param maxAge how long a browser may keep a preflight answer
 */
@ConfigurationProperties("egov.embed")
record EmbedProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("true") boolean siteOrigins,
		@DefaultValue("1m") Duration refreshInterval, @DefaultValue("1h") Duration maxAge) {

}
