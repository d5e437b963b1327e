package vn.egov.dashboard.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An address range such as {@code 10.0.0.0/8}, {@code 127.0.0.1} or {@code ::1/128}.
 *
 * @param network the range's address bytes (4 or 16)
 * @param prefix how many leading bits must match
 */
record Cidr(byte[] network, int prefix) {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

	/**
	 * Parses {@code address[/prefix]}; an invalid one is an
	 * {@link IllegalArgumentException} naming it.
	 */
	static Cidr parse(String text) {
		String trimmed = text.strip();
		int slash = trimmed.indexOf('/');
		InetAddress address = literal((slash < 0) ? trimmed : trimmed.substring(0, slash));
		if (address == null) {
			throw new IllegalArgumentException("Not an address range: '" + text + "'");
		}
		int bits = address.getAddress().length * 8;
		int prefix;
		try {
			prefix = (slash < 0) ? bits : Integer.parseInt(trimmed.substring(slash + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not an address range: '" + text + "'");
		}
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("Not an address range: '" + text + "'");
		}
		return new Cidr(address.getAddress(), prefix);
	}

	boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length != this.network.length) {
			return false;
		}
		int whole = this.prefix / 8;
		for (int i = 0; i < whole; i++) {
			if (bytes[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (bytes[whole] & mask) == (this.network[whole] & mask);
	}

	/**
	 * An IP address written as a literal ({@code 203.0.113.7}, {@code 2001:db8::1}), or
	 * null for anything else. Never looks a name up in DNS, which
	 * {@link InetAddress#getByName} does for anything that is not a literal: only text
	 * shaped like an address reaches it, and it parses those without a lookup.
	 */
	static @Nullable InetAddress literal(String text) {
		String value = text.strip();
		if (value.startsWith("[") && value.endsWith("]")) {
			value = value.substring(1, value.length() - 1);
		}
		boolean v4 = IPV4.matcher(value).matches();
		if (!v4 && !IPV6.matcher(value).matches()) {
			return null;
		}
		if (v4) {
			for (String part : value.split("\\.")) {
				if (Integer.parseInt(part) > 255) {
					return null;
				}
			}
		}
		try {
			return InetAddress.getByName(value);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
