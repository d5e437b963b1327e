package vn.egov.dashboard.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and a real hot standby of it, each on its own free port, in a
 * temporary folder: {@code initdb} makes the primary (the machine's shared cluster is not
 * touched: its {@code pg_hba.conf} need not allow replication), {@code pg_basebackup -R}
 * copies it into the standby, {@code pg_ctl} starts both. {@link #close()} stops both and
 * deletes the folder. The binaries are PostgreSQL 15's ({@code PG_BIN} to use others;
 * {@code .ci/run} installs them). Run as root, every command runs as the user
 * {@code postgres}, as PostgreSQL requires.
 */
final class HotStandby implements AutoCloseable {

	private static final Path BIN = Path.of(System.getenv().getOrDefault("PG_BIN", "/usr/lib/postgresql/15/bin"));

	private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

	final int primaryPort;

	final int standbyPort;

	private final Path folder;

	private HotStandby(Path folder, int primaryPort, int standbyPort) {
		this.folder = folder;
		this.primaryPort = primaryPort;
		this.standbyPort = standbyPort;
	}

	/** Starts both clusters, which are stopped and removed when the JVM exits. */
	static HotStandby start() {
		try {
			Path folder = Files.createTempDirectory("egov-replica-");
			HotStandby clusters = new HotStandby(folder, freePort(), freePort());
			Runtime.getRuntime().addShutdownHook(new Thread(clusters::close));
			if (ROOT) {
				run("chown", "postgres", folder.toString());
			}
			clusters.pg("initdb", "--no-sync", "-U", "postgres", "-A", "trust", "-D", clusters.data("primary"));
			clusters.startCluster("primary", clusters.primaryPort);
			clusters.pg("pg_basebackup", "-R", "-c", "fast", "-D", clusters.data("standby"), "-h", "127.0.0.1", "-p",
					Integer.toString(clusters.primaryPort), "-U", "postgres");
			clusters.startStandby();
			return clusters;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void startStandby() {
		startCluster("standby", this.standbyPort);
	}

	void stopStandby() {
		pg("pg_ctl", "stop", "-m", "fast", "-w", "-D", data("standby"));
	}

	/**
	 * Runs {@code sql} on the standby's {@code database} and returns the first column.
	 */
	String onStandby(String database, String sql) {
		return query(this.standbyPort, database, sql);
	}

	/**
	 * Runs {@code sql} on the primary's {@code database} and returns the first column.
	 */
	String onPrimary(String database, String sql) {
		return query(this.primaryPort, database, sql);
	}

	@Override
	public void close() {
		try {
			for (String cluster : List.of("standby", "primary")) {
				if (Files.exists(this.folder.resolve(cluster).resolve("postmaster.pid"))) {
					pg("pg_ctl", "stop", "-m", "immediate", "-w", "-D", data(cluster));
				}
			}
		}
		finally {
			try (Stream<Path> files = Files.walk(this.folder)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private void startCluster(String cluster, int port) {
		pg("pg_ctl", "start", "-w", "-D", data(cluster), "-l", this.folder.resolve(cluster + ".log").toString(), "-o",
				"-p " + port + " -k " + this.folder + " -c listen_addresses=127.0.0.1 -c fsync=off"
						+ " -c shared_buffers=16MB -c max_connections=40");
	}

	private String data(String cluster) {
		return this.folder.resolve(cluster).toString();
	}

	private void pg(String program, String... arguments) {
		List<String> command = new ArrayList<>();
		if (ROOT) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(BIN.resolve(program).toString());
		command.addAll(List.of(arguments));
		run(command.toArray(String[]::new));
	}

	private static void run(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String query(int port, String database, String sql) {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database,
				"postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			return rows.next() ? String.valueOf(rows.getObject(1)) : "";
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
