package vn.egov.dashboard.visitor;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.ResponseCookie;

/**
 * {@code egov.visitor.*} settings.
 *
 * @param cookie name of the first-party cookie that identifies a browser (traffic counts
 * it, polls use it as the voter)
 * @param cookieSecure whether that cookie is sent over HTTPS only
 * @param cookieSameSite its {@code SameSite}: {@code Lax} (first-party only), or
 * {@code None} for pages of other sites that embed the API (then it must be secure)
 * @param cookiePartitioned whether it is {@code Partitioned} (CHIPS): kept per top-level
 * site, where browsers block third-party cookies otherwise; needs {@code SameSite=None}
 * @param secret key that signs the cookie's visitor id; blank: a random key per start, so
 * that every cookie issued before a restart (or by another instance) is refused and
 * replaced, and its browser becomes a new visitor, who may vote again within the
 * per-address cap; production sets it, the same on every instance
 */
@ConfigurationProperties("egov.visitor")
record VisitorProperties(@DefaultValue("egov_vid") String cookie, @DefaultValue("false") boolean cookieSecure,
		@DefaultValue("Lax") String cookieSameSite, @DefaultValue("false") boolean cookiePartitioned,
		@DefaultValue("") String secret) {

	VisitorProperties {
		if (!List.of("Lax", "Strict", "None").contains(cookieSameSite)) {
			throw new IllegalArgumentException(
					"egov.visitor.cookie-same-site must be Lax, Strict or None, was " + cookieSameSite);
		}
		if (cookieSameSite.equals("None") && !cookieSecure) {
			throw new IllegalArgumentException("egov.visitor.cookie-same-site None needs egov.visitor.cookie-secure "
					+ "true (browsers drop a SameSite=None cookie that is not Secure)");
		}
		if (cookiePartitioned && !cookieSameSite.equals("None")) {
			throw new IllegalArgumentException(
					"egov.visitor.cookie-partitioned needs egov.visitor.cookie-same-site None");
		}
	}

	/**
	 * The visitor cookie with this value, as these settings write it: for the whole site,
	 * 400 days (the most browsers keep), not readable by scripts.
	 */
	ResponseCookie cookie(String value) {
		return ResponseCookie.from(this.cookie, value)
			.path("/")
			.maxAge(Duration.ofDays(400))
			.httpOnly(true)
			.secure(this.cookieSecure)
			.sameSite(this.cookieSameSite)
			.partitioned(this.cookiePartitioned)
			.build();
	}

}
