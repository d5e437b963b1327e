package vn.egov.dashboard.visitor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * HMAC-SHA-256 under a configured secret: how visitor and voter identities and client
 * addresses are stored, so that neither a cookie id nor a client address ever reaches the
 * database, and how visitor cookies are signed. Thread-safe.
 */
public final class KeyedHash {

	private static final Log logger = LogFactory.getLog(KeyedHash.class);

	private final SecretKeySpec key;

	private final ThreadLocal<Mac> macs;

	private KeyedHash(byte[] secret) {
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.macs = ThreadLocal.withInitial(this::newMac);
	}

	/**
	 * A hash keyed by {@code salt}; a blank salt gets a random key for this process, with
	 * a warning, because hashes then differ between restarts and instances.
	 * {@code property} names the setting.
	 */
	public static KeyedHash of(String salt, String property) {
		if (salt.isBlank()) {
			logger.warn(property + " is not set: using a random key until the next restart; set it so that "
					+ "restarts and other instances recognise the same visitors");
			return random();
		}
		return new KeyedHash(salt.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A hash under a random key of this process: for keys that live only in memory.
	 */
	public static KeyedHash random() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		return new KeyedHash(random);
	}

	/** The 32-byte HMAC of {@code text}. */
	public byte[] bytes(String text) {
		return this.macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The first 64 bits of the HMAC of {@code text}: a compact key for distinct counts.
	 */
	public long bits64(String text) {
		return ByteBuffer.wrap(bytes(text)).getLong();
	}

	/**
	 * The first 128 bits of the HMAC of {@code text} in hex: an opaque id safe to hand to
	 * a client.
	 */
	public String hex128(String text) {
		byte[] hash = bytes(text);
		return HexFormat.of().formatHex(hash, 0, 16);
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
