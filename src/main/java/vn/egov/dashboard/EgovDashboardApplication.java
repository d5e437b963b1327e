package vn.egov.dashboard;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EgovDashboardApplication {

	/** Netty's allocator setting, read once when Netty first allocates a buffer. */
	static final String NETTY_ALLOCATOR = "io.netty.allocator.type";

	public static void main(String[] args) {
		useNettyPooledAllocator();
		SpringApplication.run(EgovDashboardApplication.class, args);
	}

	/**
	 * Netty's pooled allocator (Netty 4.1's default) unless
	 * {@code -Dio.netty.allocator.type} says otherwise. Netty 4.2's adaptive allocator
	 * gave every large buffer (a page of 100 agencies answers 110 KB, and PostgreSQL's
	 * row carrying it is as large) fresh, zeroed direct memory through its fallback path.
	 * With the pooled allocator our JVM spent 4-9 % less CPU per request on the nested
	 * benchmark query, and up to 9 % less on the small one (BENCHMARKS.md).
	 */
	static void useNettyPooledAllocator() {
		if (System.getProperty(NETTY_ALLOCATOR) == null) {
			System.setProperty(NETTY_ALLOCATOR, "pooled");
		}
	}

}
