package vn.egov.dashboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * A server of its own (shared by the test classes that carry this annotation) with low
 * caps on anonymous writes: 5 pages created by hits per site, 3 votes per address and
 * poll, and write budgets that do not refill during a test (beacon: 10 hits, votes: 40).
 * Only 127.0.0.1 and ::1 are trusted as proxies: a test names its client with
 * {@code X-Forwarded-For} from 127.0.0.1, and a connection from 127.0.0.2 is an untrusted
 * peer whose header is ignored. The GraphQL budget stays the test suite's (unlimited in
 * practice).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = { "egov.traffic.max-pages-per-site=5", "egov.poll.max-votes-per-address=3",
		"egov.rate-limit.beacon.capacity=10", "egov.rate-limit.beacon.refill-period=1h",
		"egov.rate-limit.vote.capacity=40", "egov.rate-limit.vote.refill-period=1h",
		"egov.rate-limit.trusted-proxies=127.0.0.1/32,::1/128" })
public @interface CappedServer {

}
