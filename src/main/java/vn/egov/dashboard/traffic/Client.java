package vn.egov.dashboard.traffic;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Who sent a GraphQL request: the first-party visitor cookie (when the browser sent a
 * well-formed one), the client address and the user agent. {@link ClientInterceptor} puts
 * one in the GraphQL context under {@link #CONTEXT_KEY}; after the request it sets the
 * cookie the request lacked, or the one a service chose with {@link #issueCookie}.
 */
public final class Client {

	/** The GraphQL context key, for {@code @ContextValue(name = Client.CONTEXT_KEY)}. */
	public static final String CONTEXT_KEY = "vn.egov.dashboard.traffic.Client";

	private static final Pattern COOKIE_ID = Pattern.compile("[A-Za-z0-9_-]{16,128}");

	private static final SecureRandom random = new SecureRandom();

	private final @Nullable String cookieId;

	private final String address;

	private final String userAgent;

	private volatile @Nullable String cookieToIssue;

	public Client(@Nullable String cookieId, String address, String userAgent) {
		this.cookieId = (cookieId != null && COOKIE_ID.matcher(cookieId).matches()) ? cookieId : null;
		this.address = address;
		this.userAgent = userAgent;
		this.cookieToIssue = (this.cookieId != null) ? null : newId();
	}

	/**
	 * The visitor cookie's value, or null when the request had none (or a malformed one).
	 */
	public @Nullable String cookieId() {
		return this.cookieId;
	}

	/** The client's address as the server saw it ("unknown" when unavailable). */
	public String address() {
		return this.address;
	}

	/** The User-Agent header, or "" when absent. */
	public String userAgent() {
		return this.userAgent;
	}

	/**
	 * What identifies a client that has no cookie: its address and user agent. Hash it
	 * before storing.
	 */
	public String fallbackKey() {
		return this.address + "|" + this.userAgent;
	}

	/**
	 * Have the response set the visitor cookie to {@code id} (a request that had a cookie
	 * keeps it).
	 */
	public void issueCookie(String id) {
		if (this.cookieId == null) {
			this.cookieToIssue = id;
		}
	}

	/** The cookie value the response must set, or null. */
	@Nullable String cookieToIssue() {
		return this.cookieToIssue;
	}

	/** A new random visitor id (128 bits, hex). */
	static String newId() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
