package vn.egov.dashboard;

import reactor.netty.ReactorNetty;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class EgovDashboardApplication {

	/** Netty's allocator setting, read once when Netty first allocates a buffer. */
	static final String NETTY_ALLOCATOR = "io.netty.allocator.type";

	/** Reactor Netty's event loops per group, read once when the first group is made. */
	static final String EVENT_LOOPS = ReactorNetty.IO_WORKER_COUNT;

	public static void main(String[] args) {
		nettyDefaults();
		SpringApplication.run(EgovDashboardApplication.class, args);
	}

	/**
	 * Our Netty settings, each unless a {@code -D} on the command line says otherwise.
	 * <ul>
	 * <li>Netty's pooled allocator (Netty 4.1's default). Netty 4.2's adaptive allocator
	 * gave every large buffer (a page of 100 agencies answers 110 KB, and PostgreSQL's
	 * row carrying it is as large) fresh, zeroed direct memory through its fallback path.
	 * With the pooled allocator our JVM spent 4-9 % less CPU per request on the nested
	 * benchmark query, and up to 9 % less on the small one (BENCHMARKS.md).</li>
	 * <li>One event loop per processor, in each of the two groups (HTTP, and the database
	 * connections). Reactor Netty makes at least 4, so on 2 processors 8 threads took
	 * turns on 2 cores: with 2 per group the server spent 15-20 % less CPU per request on
	 * one agency and on the polls (BENCHMARKS.md). From 4 processors up, as before.</li>
	 * </ul>
	 */
	static void nettyDefaults() {
		setUnlessSet(NETTY_ALLOCATOR, "pooled");
		setUnlessSet(EVENT_LOOPS, String.valueOf(Runtime.getRuntime().availableProcessors()));
	}

	private static void setUnlessSet(String property, String value) {
		if (System.getProperty(property) == null) {
			System.setProperty(property, value);
		}
	}

}
