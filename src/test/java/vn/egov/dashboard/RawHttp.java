package vn.egov.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for the tests that must control the connection itself
 * (what a client sends when, on which connection).
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Reads one answer: its status line and headers, returned, and its body (of
	 * {@code Content-Length} bytes), skipped.
	 */
	public static String readHead(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		StringBuilder head = new StringBuilder();
		while (!head.toString().endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.append((char) b);
		}
		String text = head.toString();
		int at = text.toLowerCase(Locale.ROOT).indexOf("content-length: ");
		if (at >= 0) {
			int length = Integer.parseInt(text.substring(at + 16, text.indexOf('\r', at)).strip());
			in.readNBytes(length);
		}
		return text;
	}

	/** A GET of {@code target} on a connection kept alive. */
	public static String get(String target) {
		return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n";
	}

	/** Sends the requests in one write, as a client pipelining them would. */
	public static void send(Socket socket, String... requests) throws IOException {
		socket.getOutputStream().write(String.join("", requests).getBytes(StandardCharsets.US_ASCII));
	}

}
