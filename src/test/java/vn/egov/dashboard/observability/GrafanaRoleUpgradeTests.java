package vn.egov.dashboard.observability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import vn.egov.dashboard.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation upgraded from before V7, whose Grafana role was given SELECT on every
 * table (and on the tables to come) by the old grafana/postgres-init: after the migration
 * it reads nothing of schema public, while a role that also writes keeps its privileges.
 * Runs the real migrations on a scratch database of its own.
 */
class GrafanaRoleUpgradeTests {

	private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private final String database = "egov_upgrade_" + this.suffix;

	private final String legacy = "legacy_grafana_" + this.suffix;

	private final String writer = "writer_" + this.suffix;

	@Test
	void shouldTakeBackTheOldGrafanaRolesReadsOfEveryTable() throws SQLException {
		String server = "jdbc:postgresql://" + TestDatabase.HOST + ":" + TestDatabase.PORT + "/";
		execute(server + "postgres", "CREATE DATABASE " + this.database);
		try {
			String url = server + this.database;
			// Version 5 as it was: without the repeatable migration, which came with V7.
			flyway(url).target("5").repeatableSqlMigrationPrefix("none-").load().migrate();
			execute(url, "CREATE ROLE " + this.legacy + " LOGIN", "CREATE ROLE " + this.writer + " LOGIN",
					"GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + this.legacy,
					"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO " + this.legacy,
					"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " + this.writer);
			assertThat(privilege(url, this.legacy, "public.agency", "SELECT")).isTrue();

			flyway(url).load().migrate();

			assertThat(privilege(url, this.legacy, "public.agency", "SELECT")).isFalse();
			assertThat(privilege(url, this.legacy, "public.progress_standing", "SELECT")).as("a table made later")
				.isFalse();
			assertThat(privilege(url, this.writer, "public.agency", "INSERT")).isTrue();
			assertThat(privilege(url, this.writer, "public.agency", "SELECT")).isTrue();
		}
		finally {
			execute(server + "postgres", "DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)",
					"DROP ROLE IF EXISTS " + this.legacy, "DROP ROLE IF EXISTS " + this.writer);
		}
	}

	private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
		return Flyway.configure()
			.dataSource(url, TestDatabase.USER, TestDatabase.PASSWORD)
			.locations("classpath:db/migration");
	}

	private static boolean privilege(String url, String role, String table, String privilege) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, TestDatabase.USER, TestDatabase.PASSWORD);
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT has_table_privilege('" + role + "', '" + table + "', '" + privilege + "')")) {
			result.next();
			return result.getBoolean(1);
		}
	}

	private static void execute(String url, String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url, TestDatabase.USER, TestDatabase.PASSWORD);
				Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

}
