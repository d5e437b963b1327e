package vn.egov.dashboard.visitor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visitor identity without a server: signed cookie values, and the address block that
 * per-address caps count.
 */
class VisitorTests {

	private final VisitorCookies cookies = new VisitorCookies(KeyedHash.of("a secret", "test"));

	@Test
	void shouldVerifyOnlyCookiesSignedWithItsKey() {
		String id = Visitor.newId();
		String value = this.cookies.sign(id);
		assertThat(value).startsWith(id + ".").hasSize(32 + 1 + 22);
		assertThat(this.cookies.verify(value)).isEqualTo(id);
		String otherId = ((id.charAt(0) == 'a') ? "b" : "a") + id.substring(1);
		assertThat(this.cookies.verify(otherId + value.substring(id.length()))).as("another id, same MAC").isNull();
		int middle = id.length() + 5;
		String otherMac = value.substring(0, middle) + ((value.charAt(middle) == 'A') ? 'B' : 'A')
				+ value.substring(middle + 1);
		assertThat(this.cookies.verify(otherMac)).as("another MAC").isNull();
		// The last of 22 characters carries 2 bits of the MAC: its other spellings decode
		// to the same bytes, and are refused all the same.
		char last = value.charAt(value.length() - 1);
		assertThat("AQgw").contains(String.valueOf(last));
		char sameBits = "BRhx".charAt("AQgw".indexOf(last));
		assertThat(java.util.Base64.getUrlDecoder().decode(value.substring(id.length() + 1)))
			.isEqualTo(java.util.Base64.getUrlDecoder()
				.decode(value.substring(id.length() + 1, value.length() - 1) + sameBits));
		assertThat(this.cookies.verify(value.substring(0, value.length() - 1) + sameBits)).isNull();
		assertThat(new VisitorCookies(KeyedHash.of("another secret", "test")).verify(value)).as("another key").isNull();
		assertThat(this.cookies.verify(id)).as("no MAC").isNull();
		assertThat(this.cookies.verify(value + "x")).isNull();
		assertThat(this.cookies.verify("short.AAAA")).isNull();
		assertThat(this.cookies.verify(id + ".not*base64")).isNull();
		assertThat(this.cookies.verify(null)).isNull();
	}

	@Test
	void shouldCountAnIpv6AddressByItsSlash64() {
		assertThat(visitor("203.0.113.7").addressBlock()).isEqualTo("203.0.113.7");
		assertThat(visitor("2001:db8:1:2:aaaa:bbbb:cccc:dddd").addressBlock())
			.isEqualTo(visitor("2001:db8:1:2::1").addressBlock())
			.isEqualTo("20010db800010002::/64");
		assertThat(visitor("2001:db8:1:3::1").addressBlock()).isNotEqualTo(visitor("2001:db8:1:2::1").addressBlock());
		assertThat(visitor("unknown").addressBlock()).isEqualTo("unknown");
	}

	private static Visitor visitor(String address) {
		return new Visitor(null, address, "");
	}

}
