package vn.egov.dashboard.traffic;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import vn.egov.dashboard.TestDatabase;
import vn.egov.dashboard.system.DatabaseCreator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V14 converts a database holding traffic into partitioned tables online: a database of
 * its own is migrated to V13 (the version before), filled with a year of buckets of every
 * granularity and open visitor sets, and migrated on while a writer keeps inserting
 * minute buckets, as the server's flushes do. No row is lost, none is changed, and the
 * writer never fails.
 */
class TrafficPartitionMigrationTests {

	private static final String URL = "jdbc:postgresql://" + TestDatabase.HOST + ":" + TestDatabase.PORT + "/"
			+ TestDatabase.NAME + "_v14";

	/**
	 * Every row of both tables, as one text per row, hashed and summed: equal sets of
	 * rows, equal sums.
	 */
	private static final String FINGERPRINT = """
			SELECT (SELECT count(*) FROM traffic_bucket WHERE site_code = 'MIGRATION') || ' buckets, '
			       || (SELECT sum(hashtextextended(b::text, 0)::numeric) FROM traffic_bucket b
			            WHERE site_code = 'MIGRATION') || ', '
			       || (SELECT count(*) FROM traffic_visitor WHERE site_code = 'MIGRATION') || ' visitors, '
			       || (SELECT sum(hashtextextended(v::text, 0)::numeric) FROM traffic_visitor v
			            WHERE site_code = 'MIGRATION')""";

	@BeforeEach
	void database() {
		DatabaseCreator.ensureExists(URL, TestDatabase.USER, TestDatabase.PASSWORD);
	}

	@AfterEach
	void dropDatabase() {
		DatabaseCreator.drop(URL, TestDatabase.USER, TestDatabase.PASSWORD);
	}

	@Test
	void migratesAnExistingDatabaseOnlineWithoutLosingARow() throws Exception {
		flyway().target("13").load().migrate();
		try (Connection connection = connect(); Statement sql = connection.createStatement()) {
			sql.execute("INSERT INTO site (code, name) VALUES ('MIGRATION', 'Migration'), ('WRITER', 'Writer')");
			// a minute every 7, and every hour, day, week and month, of the 400 days up
			// to now, plus open sets
			sql.execute(
					"""
							INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views, member_views, visitors, sample)
							SELECT 'MIGRATION', g, date_trunc(unit, t), max(hashint8(extract(epoch FROM t)::bigint) & 1023),
							       0, 1, false
							  FROM (VALUES ('MINUTE', 'minute', interval '7 minutes'), ('HOUR', 'hour', interval '1 hour'),
							               ('DAY', 'day', interval '1 day'), ('WEEK', 'week', interval '1 day'),
							               ('MONTH', 'month', interval '1 day')) AS u (g, unit, step),
							       generate_series(now() - interval '400 days', now(), step) AS t
							 GROUP BY g, date_trunc(unit, t)""");
			sql.execute(
					"""
							INSERT INTO traffic_visitor (granularity, bucket_start, site_code, visitor, member)
							SELECT 'DAY', date_trunc('day', now()), 'MIGRATION', v, v % 2 = 0 FROM generate_series(1, 5000) v""");
		}
		String before = fingerprint();
		assertThat(before).contains("5000 visitors");
		assertThat(Long.parseLong(query("SELECT count(*) FROM traffic_bucket"))).isGreaterThan(90_000);

		AtomicBoolean migrating = new AtomicBoolean(true);
		AtomicLong written = new AtomicLong();
		CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
			// one minute before the other, back from the minute the writer starts in:
			// now()
			// moves on with each statement, so counting back from it would write a minute
			// twice whenever the clock passes a minute while the writer runs
			try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement("""
					INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views)
					VALUES ('WRITER', 'MINUTE', ?::timestamptz - interval '1 minute' * ?, 1)""")) {
				insert.setString(1, query("SELECT date_trunc('minute', now())"));
				for (long minute = 0; migrating.get() || minute < 10; minute++) {
					insert.setLong(2, minute);
					insert.executeUpdate();
					written.incrementAndGet();
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		long writtenBefore = written.get();
		flyway().load().migrate();
		long writtenDuring = written.get() - writtenBefore;
		migrating.set(false);
		writer.join();

		assertThat(writtenDuring).as("rows written while V14 ran").isGreaterThan(10);
		assertThat(fingerprint()).isEqualTo(before);
		assertThat(query("SELECT count(*) FROM traffic_bucket WHERE site_code = 'WRITER'"))
			.isEqualTo(Long.toString(written.get()));
		assertThat(query("SELECT relkind FROM pg_class WHERE relname = 'traffic_bucket'")).isEqualTo("p");
		assertThat(query("SELECT relkind FROM pg_class WHERE relname = 'traffic_visitor'")).isEqualTo("p");
		assertThat(
				query("""
						SELECT string_agg(c.relname, ' ' ORDER BY c.relname) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
						 WHERE i.inhparent = 'traffic_bucket'::regclass"""))
			.isEqualTo("traffic_bucket_default traffic_bucket_legacy " + months("traffic_bucket_", 2, 3));
		assertThat(query("SELECT pg_get_viewdef('grafana.traffic_daily')")).contains("FROM traffic_bucket b")
			.doesNotContain("legacy");
	}

	/**
	 * The partition names of the months {@code from} to {@code to} after the current one.
	 */
	private String months(String prefix, int from, int to) throws SQLException {
		return query("SELECT string_agg('" + prefix + "' || to_char(timezone('Asia/Ho_Chi_Minh', "
				+ "traffic_month(now(), m)), '\"y\"YYYY\"m\"MM'), ' ' ORDER BY m) FROM generate_series(" + from + ", "
				+ to + ") m");
	}

	private String fingerprint() throws SQLException {
		return query(FINGERPRINT);
	}

	private static org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
		return Flyway.configure().dataSource(URL, TestDatabase.USER, TestDatabase.PASSWORD);
	}

	private static String query(String sql) throws SQLException {
		try (Connection connection = connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static Connection connect() throws SQLException {
		return DriverManager.getConnection(URL, TestDatabase.USER, TestDatabase.PASSWORD);
	}

}
