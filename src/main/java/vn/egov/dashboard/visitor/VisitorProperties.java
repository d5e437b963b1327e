package vn.egov.dashboard.visitor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.visitor.*} settings.
 *
 * @param cookie name of the first-party cookie that identifies a browser (traffic counts
 * it, polls use it as the voter)
 * @param cookieSecure whether that cookie is sent over HTTPS only
 * @param secret key that signs the cookie's visitor id; blank: a random key per start, so
 * that every cookie issued before a restart (or by another instance) is refused and
 * replaced, and its browser becomes a new visitor, who may vote again within the
 * per-address cap; production sets it, the same on every instance
 */
@ConfigurationProperties("egov.visitor")
record VisitorProperties(@DefaultValue("egov_vid") String cookie, @DefaultValue("false") boolean cookieSecure,
		@DefaultValue("") String secret) {

}
