package vn.egov.dashboard.visitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Signs visitor ids into cookie values and checks them: {@code <id>.<mac>}, the MAC being
 * the first 128 bits of HMAC-SHA-256 under {@code egov.visitor.secret}, base64url. Only
 * the server can make a value that checks, so a visitor id in a cookie is one the server
 * issued; ids cannot be made up by the thousand to pose as new visitors.
 */
final class VisitorCookies {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{16,128}");

	private static final int MAC_BYTES = 16;

	private static final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

	private final KeyedHash key;

	VisitorCookies(KeyedHash key) {
		this.key = key;
	}

	/** The cookie value carrying {@code id} (letters, digits, _ and -, 16 to 128). */
	String sign(String id) {
		if (!ID.matcher(id).matches()) {
			throw new IllegalArgumentException("Not a visitor id: " + id);
		}
		return id + "." + new String(mac(id), StandardCharsets.US_ASCII);
	}

	/** The id of a cookie value this server signed, or null for anything else. */
	@Nullable String verify(@Nullable String value) {
		if (value == null) {
			return null;
		}
		int dot = value.lastIndexOf('.');
		if (dot < 0) {
			return null;
		}
		String id = value.substring(0, dot);
		if (!ID.matcher(id).matches()) {
			return null;
		}
		// The MAC as written is compared, not decoded: one value, and only one, checks.
		byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(given, mac(id)) ? id : null;
	}

	/** The MAC of {@code id}, base64url, as ASCII bytes. */
	private byte[] mac(String id) {
		return encoder.encode(Arrays.copyOf(this.key.bytes("visitor-cookie|" + id), MAC_BYTES));
	}

}
