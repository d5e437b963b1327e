package vn.egov.dashboard.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Who a request counts against: its authenticated principal ({@code principal:key:42},
 * {@code principal:alice}) when there is one, else its client address
 * ({@code ip:203.0.113.7}). The address is the connection's peer, except that when the
 * peer is a trusted proxy ({@code egov.rate-limit.trusted-proxies}) the
 * {@code X-Forwarded-For} chain is read from the right, past every trusted proxy, to the
 * first address that is not one: the left-hand entries are whatever the client wrote and
 * are never believed on their own. Nothing is exempt, loopback included.
 * <p>
 * One bean, present whether rate limiting is on or not: visitors and voters are told
 * apart by the same address ({@code visitor.Visitors}).
 */
public final class ClientKeys {

	/**
	 * Where {@link RateLimitFilter} leaves the key of an HTTP request (an exchange
	 * attribute), and where GraphQL executions find it (a GraphQL context key), for the
	 * budgets of public mutations ({@link PublicMutationLimits}).
	 */
	static final String ATTRIBUTE = ClientKeys.class.getName() + ".key";

	private final List<Cidr> trustedProxies;

	ClientKeys(List<Cidr> trustedProxies) {
		this.trustedProxies = List.copyOf(trustedProxies);
	}

	/**
	 * The key of a request from {@code peer} with these headers, made by
	 * {@code principal} if not null.
	 */
	String key(@Nullable Principal principal, @Nullable InetSocketAddress peer, HttpHeaders headers) {
		if (principal != null && !isAnonymous(principal)) {
			return "principal:" + principal.getName();
		}
		return "ip:" + address(peer, headers);
	}

	/**
	 * The client's address: the peer's, or the one its trusted proxies forwarded
	 * ({@code "unknown"} when the connection has none).
	 */
	public String address(@Nullable InetSocketAddress peer, HttpHeaders headers) {
		InetAddress client = (peer != null) ? peer.getAddress() : null;
		if (client == null) {
			return (peer != null) ? peer.getHostString() : "unknown";
		}
		if (!trusted(client)) {
			return client.getHostAddress();
		}
		List<String> forwarded = headers.getValuesAsList("X-Forwarded-For");
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			InetAddress hop = Cidr.literal(forwarded.get(i));
			if (hop == null) {
				// Not an address: the chain is broken here; the last proxy that wrote a
				// good one is the client.
				break;
			}
			client = hop;
			if (!trusted(hop)) {
				break;
			}
		}
		return client.getHostAddress();
	}

	/** Whether {@code address} is a trusted proxy's. */
	boolean trusted(InetAddress address) {
		for (Cidr range : this.trustedProxies) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Spring Security's anonymous authentication (if ever switched on) has a principal
	 * that every anonymous client shares; they are told apart by address instead.
	 */
	private static boolean isAnonymous(Principal principal) {
		String name = principal.getName();
		return name == null || name.isBlank() || principal.getClass().getSimpleName().startsWith("Anonymous");
	}

}
