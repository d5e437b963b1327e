package vn.egov.dashboard.visitor;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Who sent a request: the visitor id of the first-party cookie when the server issued it
 * (a cookie it did not sign counts as none), the client address (a trusted proxy's
 * {@code X-Forwarded-For} believed, nobody else's) and the user agent.
 * {@link VisitorInterceptor} puts one in the GraphQL context of every request under
 * {@link #CONTEXT_KEY}; after the request it sets the cookie the request lacked, or the
 * one a service chose with {@link #issue}.
 */
public final class Visitor {

	/** The GraphQL context key, for {@code @ContextValue(name = Visitor.CONTEXT_KEY)}. */
	public static final String CONTEXT_KEY = "vn.egov.dashboard.visitor.Visitor";

	private static final SecureRandom random = new SecureRandom();

	private final @Nullable String id;

	private final String address;

	private final String userAgent;

	private volatile @Nullable String idToIssue;

	Visitor(@Nullable String id, String address, String userAgent) {
		this.id = id;
		this.address = address;
		this.userAgent = userAgent;
		this.idToIssue = (id != null) ? null : newId();
	}

	/**
	 * The visitor id of the cookie the server issued to this browser, or null when the
	 * request had none (or one the server did not sign).
	 */
	public @Nullable String id() {
		return this.id;
	}

	/**
	 * The client's address as the server saw it ("unknown" when unavailable); behind a
	 * trusted proxy, the address it forwarded.
	 */
	public String address() {
		return this.address;
	}

	/**
	 * The address as one subscriber holds it: an IPv4 address whole, an IPv6 address cut
	 * to its /64 (the block a provider gives one line, whose 2^64 addresses one machine
	 * can rotate through). What per-address caps count.
	 */
	public String addressBlock() {
		if (this.address.indexOf(':') < 0) {
			return this.address;
		}
		try {
			// Text with a colon is parsed as an IPv6 literal, never looked up in DNS.
			byte[] bytes = InetAddress.getByName(this.address).getAddress();
			if (bytes.length != 16) {
				return this.address;
			}
			return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
		}
		catch (UnknownHostException ex) {
			return this.address;
		}
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
	 * Have the response set the visitor cookie to {@code id}, signed (a request that had
	 * a valid cookie keeps it).
	 */
	public void issue(String id) {
		if (this.id == null) {
			this.idToIssue = id;
		}
	}

	/** The id whose signed cookie the response must set, or null. */
	@Nullable String idToIssue() {
		return this.idToIssue;
	}

	/** A new random visitor id (128 bits, hex). */
	static String newId() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
