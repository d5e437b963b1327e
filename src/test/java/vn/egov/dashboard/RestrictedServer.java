package vn.egov.dashboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * A server of its own (shared by the test classes that carry this annotation) with a rate
 * limit of 5 requests (beacon: 3) per client that does not refill during a test, and
 * loopback trusted as a proxy so that each test can be a client of its own with
 * {@code X-Forwarded-For}. Every request in it must name its client that way, or it
 * drains loopback's bucket.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = { "egov.rate-limit.capacity=5", "egov.rate-limit.refill-period=1h",
		"egov.rate-limit.beacon.capacity=3", "egov.rate-limit.beacon.refill-period=1h",
		"egov.rate-limit.trusted-proxies=127.0.0.0/8,::1/128" })
public @interface RestrictedServer {

}
