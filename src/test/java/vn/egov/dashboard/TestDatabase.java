package vn.egov.dashboard;

import java.util.UUID;

import vn.egov.dashboard.system.DatabaseCreator;

/**
 * The database of this test run: a fresh one with a unique name on the PostgreSQL named
 * by {@code DB_HOST}, {@code DB_PORT}, {@code DB_USER} and {@code DB_PASSWORD} (defaults:
 * localhost, 5432, postgres, postgres). The server creates it on start; it is dropped
 * when the test JVM exits. There is no fallback: without a reachable PostgreSQL the run
 * fails.
 */
public final class TestDatabase {

	public static final String NAME = "egov_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	public static final String HOST = env("DB_HOST", "localhost");

	public static final String PORT = env("DB_PORT", "5432");

	public static final String USER = env("DB_USER", "postgres");

	public static final String PASSWORD = env("DB_PASSWORD", "postgres");

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> DatabaseCreator.drop(jdbcUrl(), USER, PASSWORD)));
	}

	private TestDatabase() {
	}

	public static String jdbcUrl() {
		return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
