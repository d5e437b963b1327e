package vn.egov.dashboard.visitor;

import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.ratelimit.ClientKeys;

/**
 * Tells who sent a request ({@link Visitor}), for the GraphQL endpoint
 * ({@link VisitorInterceptor}) and the beacon alike: the visitor cookie only when this
 * server signed it, the address as the rate limiter reads it ({@link ClientKeys}:
 * {@code X-Forwarded-For} only from {@code egov.rate-limit.trusted-proxies}).
 */
@Component
@EnableConfigurationProperties(VisitorProperties.class)
public class Visitors {

	private final VisitorProperties properties;

	private final VisitorCookies cookies;

	private final ClientKeys keys;

	Visitors(VisitorProperties properties, ClientKeys keys) {
		this.properties = properties;
		this.cookies = new VisitorCookies(KeyedHash.of(properties.secret(), "egov.visitor.secret"));
		this.keys = keys;
	}

	/**
	 * The visitor of a request from {@code peer} with these headers and this value of the
	 * visitor cookie (null: none).
	 */
	public Visitor of(@Nullable InetSocketAddress peer, HttpHeaders headers, @Nullable String cookie) {
		String userAgent = headers.getFirst(HttpHeaders.USER_AGENT);
		return new Visitor(this.cookies.verify(cookie), this.keys.address(peer, headers),
				(userAgent != null) ? userAgent : "");
	}

	/** The name of the visitor cookie. */
	String cookieName() {
		return this.properties.cookie();
	}

	/** The visitor cookie carrying {@code id}, signed. */
	ResponseCookie cookie(String id) {
		return this.properties.cookie(this.cookies.sign(id));
	}

}
