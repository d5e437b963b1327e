package vn.egov.dashboard.traffic;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import vn.egov.dashboard.TestDatabase;
import vn.egov.dashboard.system.DatabaseCreator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monthly partitions of the traffic tables (V14) and their maintenance
 * ({@link TrafficPartitions}), on a database of this class's own without demo data (it
 * drops minutes; hence no {@code IntegrationTests}, whose test database and settings
 * would win), with the default retention of 90 days and maintenance every half second.
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TrafficPartitionTests {

	private static final String DATABASE = TestDatabase.NAME + "_partitions";

	static {
		String url = "jdbc:postgresql://" + TestDatabase.HOST + ":" + TestDatabase.PORT + "/" + DATABASE;
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> DatabaseCreator.drop(url, TestDatabase.USER, TestDatabase.PASSWORD)));
	}

	/** The series statement of {@link TrafficRepository}, with literal bounds. */
	private static final String SERIES = """
			SELECT bucket_start, views FROM traffic_bucket
			 WHERE site_code = 'PARTITIONS' AND granularity = '%s'
			   AND bucket_start >= traffic_month(now(), 2) + interval '1 day'
			   AND bucket_start < traffic_month(now(), 2) + interval '2 days'""";

	private static final Pattern SCANNED = Pattern.compile("\"Relation Name\": \"([a-z0-9_]+)\"");

	@Autowired
	private DatabaseClient db;

	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		registry.add("DB_NAME", () -> DATABASE);
		registry.add("egov.demo-data.enabled", () -> "false");
		// the production default: the suite's configuration keeps minutes for ever
		registry.add("egov.traffic.partitions.minute-retention", () -> "90d");
		registry.add("egov.traffic.partitions.maintenance-interval", () -> "500ms");
		registry.add("egov.traffic.partitions.delete-batch", () -> "1000");
	}

	@Test
	void aSeriesReadsOnlyItsMonthsPartitionOfItsGranularity() throws SQLException {
		String month = partitionOf(2);
		assertThat(scanned(SERIES.formatted("MINUTE"))).containsExactly(month + "_minute");
		assertThat(scanned(SERIES.formatted("DAY"))).containsExactly(month + "_rollup");
		// the driver's prepared statements, once PostgreSQL uses a generic plan for them,
		// prune when they run
		assertThat(genericPlan()).contains("Subplans Removed");
	}

	@Test
	void theMaintenanceKeepsPartitionsAheadAndDropsOldMinutesButNotRollUps() {
		sql("INSERT INTO site (code, name) VALUES ('PARTITIONS', 'Partition tests') ON CONFLICT DO NOTHING");
		// before partitioning, so in the legacy partition: 200 days old, and 10 days old
		sql("""
				INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views)
				SELECT 'PARTITIONS', g, date_trunc('minute', now()) - age - m * interval '1 minute', 1
				  FROM (VALUES (interval '200 days'), (interval '10 days')) a (age),
				       (VALUES ('MINUTE'), ('HOUR'), ('DAY')) u (g), generate_series(0, 2999) m""");
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(count("traffic_bucket", "site_code = 'PARTITIONS' AND granularity = 'MINUTE'"
							+ " AND bucket_start < now() - interval '90 days'"))
						.isZero());
		assertThat(
				count("traffic_bucket", "site_code = 'PARTITIONS' AND granularity = 'MINUTE' AND bucket_start < now()"))
			.isEqualTo(3000);
		assertThat(count("traffic_bucket",
				"site_code = 'PARTITIONS' AND granularity <> 'MINUTE' AND bucket_start < now()"))
			.isEqualTo(12000);
		// created ahead (the month partitions; another test here drops one's minutes)
		for (int month = 2; month <= 3; month++) {
			assertThat(
					count("pg_class", "relname IN ('" + partitionOf(month) + "', '" + partitionOf(month) + "_rollup')"))
				.isEqualTo(2);
		}
	}

	@Test
	void aMonthPastTheRetentionLosesItsMinutePartitionAndKeepsItsRollUps() {
		sql("INSERT INTO site (code, name) VALUES ('PARTITIONS', 'Partition tests') ON CONFLICT DO NOTHING");
		String month = partitionOf(2);
		sql("""
				INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views)
				SELECT 'PARTITIONS', g, traffic_month(now(), 2) + m * interval '1 hour', 1
				  FROM (VALUES ('MINUTE'), ('HOUR')) u (g), generate_series(0, 99) m""");
		// "before" is the end of that month, as if it ended 90 days ago
		assertThat(
				string("SELECT string_agg(name, ' ' ORDER BY name) FROM traffic_drop_minutes(traffic_month(now(), 3))"
						+ " AS name"))
			.contains(month + "_minute")
			.contains("traffic_visitor_" + month.substring("traffic_bucket_".length()));
		assertThat(count("traffic_bucket",
				"site_code = 'PARTITIONS' AND granularity = 'HOUR'" + " AND bucket_start >= traffic_month(now(), 2)"))
			.isEqualTo(100);
		assertThat(count("traffic_bucket",
				"site_code = 'PARTITIONS' AND granularity = 'MINUTE'" + " AND bucket_start >= traffic_month(now(), 2)"))
			.isZero();
		assertThat(count("pg_class", "relname = '" + month + "_minute'")).isZero();
		assertThat(count("pg_class", "relname = '" + month + "_rollup'")).isOne();
	}

	@Test
	void aRowPastTheCreatedMonthsIsKeptAndMovesIntoItsMonthWhenThatIsCreated() {
		sql("INSERT INTO site (code, name) VALUES ('PARTITIONS', 'Partition tests') ON CONFLICT DO NOTHING");
		sql("""
				INSERT INTO traffic_bucket (site_code, granularity, bucket_start, views)
				VALUES ('PARTITIONS', 'MINUTE', traffic_month(now(), 9), 7), ('PARTITIONS', 'DAY', traffic_month(now(), 9), 7)""");
		String where = "site_code = 'PARTITIONS' AND bucket_start = traffic_month(now(), 9)";
		assertThat(
				string("SELECT string_agg(DISTINCT tableoid::regclass::text, ' ') FROM traffic_bucket WHERE " + where))
			.isEqualTo("traffic_bucket_default");
		sql("SELECT traffic_create_partitions(traffic_month(now(), 9))");
		assertThat(string("SELECT string_agg(tableoid::regclass::text || ':' || views, ' ' ORDER BY granularity)"
				+ " FROM traffic_bucket WHERE " + where))
			.isEqualTo(partitionOf(9) + "_rollup:7 " + partitionOf(9) + "_minute:7");
	}

	/**
	 * The plan of the series statement, prepared with its bounds as parameters, as a
	 * generic plan runs it.
	 */
	private static String genericPlan() throws SQLException {
		String url = "jdbc:postgresql://" + TestDatabase.HOST + ":" + TestDatabase.PORT + "/" + DATABASE;
		try (Connection connection = DriverManager.getConnection(url, TestDatabase.USER, TestDatabase.PASSWORD);
				Statement sql = connection.createStatement()) {
			sql.execute("SET plan_cache_mode = force_generic_plan");
			sql.execute("""
					PREPARE series (text, text, timestamptz, timestamptz) AS
					SELECT bucket_start, views FROM traffic_bucket
					 WHERE site_code = $1 AND granularity = $2 AND bucket_start >= $3 AND bucket_start < $4""");
			StringBuilder plan = new StringBuilder();
			try (ResultSet lines = sql
				.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) EXECUTE series ('PARTITIONS', 'MINUTE',"
						+ " traffic_month(now(), 1), traffic_month(now(), 2) + interval '1 day')")) {
				while (lines.next()) {
					plan.append(lines.getString(1)).append('\n');
				}
			}
			return plan.toString();
		}
	}

	/** The name of the partition of the month {@code months} after the current one. */
	private String partitionOf(int months) {
		return string("SELECT 'traffic_bucket_' || to_char(timezone('Asia/Ho_Chi_Minh', traffic_month(now(), " + months
				+ ")), '\"y\"YYYY\"m\"MM')");
	}

	/** The tables a statement's plan reads. */
	private List<String> scanned(String query) {
		Matcher tables = SCANNED.matcher(string("EXPLAIN (FORMAT JSON) " + query));
		return tables.results().map((result) -> result.group(1)).toList();
	}

	private long count(String table, String where) {
		return Long.parseLong(string("SELECT count(*) FROM " + table + " WHERE " + where));
	}

	private String string(String query) {
		return this.db.sql(query).map((row) -> String.valueOf(row.get(0))).one().block();
	}

	private void sql(String statement) {
		this.db.sql(statement).then().block();
	}

}
