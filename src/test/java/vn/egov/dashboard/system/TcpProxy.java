package vn.egov.dashboard.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy in front of the shared PostgreSQL that a test can "stop" and "start" like
 * the database itself: stopped, it drops every open connection and refuses new ones
 * (nothing listens on its port); started again, it forwards to PostgreSQL on the same
 * port. It can also {@linkplain #drop() drop} the traffic, as a network partition does:
 * every socket stays open and nothing fails, but no byte goes through in either
 * direction, on open connections or new ones, until it {@linkplain #heal() heals}; then
 * what was held back flows on, as TCP retransmits it after a partition. A server pointed
 * at it sees a PostgreSQL outage while the real database, which other test runs use,
 * keeps running.
 */
final class TcpProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private @Nullable ServerSocket server;

	private final Object gate = new Object();

	private boolean dropping;

	TcpProxy(String targetHost, int targetPort) {
		this.target = new InetSocketAddress(targetHost, targetPort);
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start();
	}

	int port() {
		return this.port;
	}

	/** Listens on the port again and forwards new connections. */
	synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			ServerSocket listening = new ServerSocket();
			listening.setReuseAddress(true);
			listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
			this.server = listening;
			daemon("proxy-accept", () -> accept(listening));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * From now on nothing goes through: open connections stay open, new ones are taken,
	 * and every byte is held back.
	 */
	void drop() {
		synchronized (this.gate) {
			this.dropping = true;
		}
	}

	/** Lets the bytes through again, those held back first. */
	void heal() {
		synchronized (this.gate) {
			this.dropping = false;
			this.gate.notifyAll();
		}
	}

	/** Closes the port and every connection through it, as a stopped PostgreSQL does. */
	synchronized void stop() {
		ServerSocket listening = this.server;
		this.server = null;
		if (listening != null) {
			closeQuietly(listening);
		}
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	@Override
	public void close() {
		heal();
		stop();
	}

	private void accept(ServerSocket listening) {
		while (!listening.isClosed()) {
			try {
				Socket client = listening.accept();
				Socket upstream = new Socket();
				this.open.add(client);
				this.open.add(upstream);
				try {
					upstream.connect(this.target, 2000);
				}
				catch (IOException ex) {
					closeQuietly(client);
					closeQuietly(upstream);
					continue;
				}
				daemon("proxy-up", () -> pump(client, upstream));
				daemon("proxy-down", () -> pump(upstream, client));
			}
			catch (IOException ex) {
				// closed by stop()
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16384];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				awaitPassage();
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	/**
	 * Waits while traffic is dropped; this pump stops reading meanwhile, so whatever the
	 * peer sends stays in the sockets' buffers.
	 */
	private void awaitPassage() throws IOException {
		synchronized (this.gate) {
			while (this.dropping) {
				try {
					this.gate.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted", ex);
				}
			}
		}
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// nothing to do
		}
	}

}
