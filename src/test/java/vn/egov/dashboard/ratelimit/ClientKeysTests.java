package vn.egov.dashboard.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Whom a request counts against, and when {@code X-Forwarded-For} is believed.
 */
class ClientKeysTests {

	private final ClientKeys keys = new ClientKeys(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("::1")));

	@Test
	void shouldIgnoreXForwardedForFromAPeerThatIsNoTrustedProxy() {
		assertThat(this.keys.key(null, peer("203.0.113.5"), forwardedFor("198.51.100.1"))).isEqualTo("ip:203.0.113.5");
		// Loopback is not trusted unless configured, nor exempt.
		assertThat(this.keys.key(null, peer("127.0.0.1"), forwardedFor("198.51.100.1"))).isEqualTo("ip:127.0.0.1");
	}

	@Test
	void shouldReadXForwardedForFromTheRightPastTrustedProxies() {
		// The client may write anything on the left; the trusted proxies appended the
		// right.
		assertThat(this.keys.address(peer("10.0.0.2"), forwardedFor("1.1.1.1, 198.51.100.7, 10.0.0.1")))
			.isEqualTo("198.51.100.7");
		assertThat(this.keys.address(peer("::1"), forwardedFor("198.51.100.8"))).isEqualTo("198.51.100.8");
		HttpHeaders twoLines = new HttpHeaders();
		twoLines.add("X-Forwarded-For", "1.1.1.1");
		twoLines.add("X-Forwarded-For", "198.51.100.9");
		assertThat(this.keys.address(peer("10.0.0.2"), twoLines)).isEqualTo("198.51.100.9");
	}

	@Test
	void shouldStopAtAnEntryThatIsNoAddress() {
		assertThat(this.keys.address(peer("10.0.0.2"), forwardedFor("198.51.100.7, evil.example, 10.0.0.3")))
			.isEqualTo("10.0.0.3");
		assertThat(this.keys.address(peer("10.0.0.2"), new HttpHeaders())).isEqualTo("10.0.0.2");
	}

	@Test
	void shouldCountAnAuthenticatedClientAsItsPrincipal() {
		Principal apiKey = () -> "key:42";
		assertThat(this.keys.key(apiKey, peer("203.0.113.5"), new HttpHeaders())).isEqualTo("principal:key:42");
		Principal anonymous = new AnonymousAuthenticationToken();
		assertThat(this.keys.key(anonymous, peer("203.0.113.5"), new HttpHeaders())).isEqualTo("ip:203.0.113.5");
	}

	@Test
	void shouldParseAddressRangesAndRefuseOthers() {
		Cidr range = Cidr.parse("192.168.4.0/22");
		assertThat(range.contains(address("192.168.7.255"))).isTrue();
		assertThat(range.contains(address("192.168.8.0"))).isFalse();
		assertThat(range.contains(address("::1"))).isFalse();
		assertThat(Cidr.parse("2001:db8::/32").contains(address("2001:db8:ffff::1"))).isTrue();
		for (String bad : new String[] { "10.0.0.0/33", "256.1.1.1", "example.com", "10.0.0.0/x", "::1/129" }) {
			assertThatIllegalArgumentException().isThrownBy(() -> Cidr.parse(bad));
		}
	}

	@Test
	void shouldNeverResolveANameWhileReadingAddresses() {
		assertThat(Cidr.literal("localhost")).isNull();
		assertThat(Cidr.literal("1.2.3.4.example")).isNull();
		assertThat(Cidr.literal("abc:def:zz")).isNull();
		assertThat(Cidr.literal("[2001:db8::1]")).isEqualTo(address("2001:db8::1"));
	}

	private static InetSocketAddress peer(String address) {
		return new InetSocketAddress(address(address), 40000);
	}

	private static InetAddress address(String literal) {
		InetAddress address = Cidr.literal(literal);
		assertThat(address).as(literal).isNotNull();
		return address;
	}

	private static HttpHeaders forwardedFor(String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Forwarded-For", value);
		return headers;
	}

	/** Named like Spring Security's, which this project does not depend on. */
	private static final class AnonymousAuthenticationToken implements Principal {

		@Override
		public String getName() {
			return "anonymousUser";
		}

	}

}
