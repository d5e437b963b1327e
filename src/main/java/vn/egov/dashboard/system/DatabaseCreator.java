package vn.egov.dashboard.system;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Creates a PostgreSQL database named by a JDBC URL, connecting to the server's
 * {@code postgres} maintenance database with the same credentials.
 */
public final class DatabaseCreator {

	private static final Log logger = LogFactory.getLog(DatabaseCreator.class);

	private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

	/**
	 * PostgreSQL's SQLSTATE for "database already exists" (another instance won the
	 * race).
	 */
	private static final String DUPLICATE_DATABASE = "42P04";

	private DatabaseCreator() {
	}

	/**
	 * Create the database of {@code jdbcUrl} unless it exists.
	 */
	public static void ensureExists(@Nullable String jdbcUrl, @Nullable String user, @Nullable String password) {
		if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
			throw new IllegalStateException("spring.flyway.url must be a jdbc:postgresql:// URL, was " + jdbcUrl);
		}
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		String name = uri.getPath().substring(1);
		if (!SAFE_NAME.matcher(name).matches()) {
			throw new IllegalStateException("Database name '" + name + "' must match " + SAFE_NAME.pattern());
		}
		String maintenanceUrl = "jdbc:postgresql://" + uri.getRawAuthority() + "/postgres";
		try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password)) {
			if (exists(connection, name)) {
				return;
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE DATABASE \"" + name + "\" ENCODING 'UTF8' TEMPLATE template0");
				logger.info("Created database " + name);
			}
		}
		catch (SQLException ex) {
			if (!DUPLICATE_DATABASE.equals(ex.getSQLState())) {
				throw new IllegalStateException("Could not create database " + name + " at " + maintenanceUrl, ex);
			}
		}
	}

	/**
	 * Drop the database of {@code jdbcUrl} if it exists, closing its connections.
	 */
	public static void drop(String jdbcUrl, @Nullable String user, @Nullable String password) {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		String name = uri.getPath().substring(1);
		if (!SAFE_NAME.matcher(name).matches()) {
			throw new IllegalStateException("Database name '" + name + "' must match " + SAFE_NAME.pattern());
		}
		String maintenanceUrl = "jdbc:postgresql://" + uri.getRawAuthority() + "/postgres";
		try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop database " + name, ex);
		}
	}

	private static boolean exists(Connection connection, String name) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			query.setString(1, name);
			try (ResultSet rows = query.executeQuery()) {
				return rows.next();
			}
		}
	}

}
