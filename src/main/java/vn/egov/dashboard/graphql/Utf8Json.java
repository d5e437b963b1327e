package vn.egov.dashboard.graphql;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * JSON that is already encoded in UTF-8 (a compiled query's answer from PostgreSQL, a
 * cached answer), written into a response by Jackson as it is:
 * {@code generator.writeRawValue(json)} copies the bytes, where a {@code String} would be
 * decoded from UTF-8 first and encoded again (for a 110 KB answer, a fifth of the
 * server's time per request). The other forms of {@link SerializableString}, which raw
 * values never use, decode the bytes once.
 */
public final class Utf8Json implements SerializableString {

	private final byte[] bytes;

	private final int offset;

	private final int length;

	private @Nullable SerializedString text;

	/**
	 * The JSON in {@code bytes[offset, offset + length)}, shared: neither side may change
	 * them.
	 */
	public Utf8Json(byte[] bytes, int offset, int length) {
		this.bytes = bytes;
		this.offset = offset;
		this.length = length;
	}

	public Utf8Json(byte[] bytes) {
		this(bytes, 0, bytes.length);
	}

	@Override
	public String getValue() {
		return text().getValue();
	}

	@Override
	public int charLength() {
		return text().charLength();
	}

	@Override
	public byte[] asUnquotedUTF8() {
		return (this.offset == 0 && this.length == this.bytes.length) ? this.bytes
				: Arrays.copyOfRange(this.bytes, this.offset, this.offset + this.length);
	}

	@Override
	public int appendUnquotedUTF8(byte[] buffer, int offset) {
		if (offset + this.length > buffer.length) {
			return -1;
		}
		System.arraycopy(this.bytes, this.offset, buffer, offset, this.length);
		return this.length;
	}

	@Override
	public int writeUnquotedUTF8(OutputStream out) throws IOException {
		out.write(this.bytes, this.offset, this.length);
		return this.length;
	}

	@Override
	public int putUnquotedUTF8(ByteBuffer buffer) {
		if (this.length > buffer.remaining()) {
			return -1;
		}
		buffer.put(this.bytes, this.offset, this.length);
		return this.length;
	}

	@Override
	public int appendUnquoted(char[] buffer, int offset) {
		return text().appendUnquoted(buffer, offset);
	}

	@Override
	public char[] asQuotedChars() {
		return text().asQuotedChars();
	}

	@Override
	public byte[] asQuotedUTF8() {
		return text().asQuotedUTF8();
	}

	@Override
	public int appendQuotedUTF8(byte[] buffer, int offset) {
		return text().appendQuotedUTF8(buffer, offset);
	}

	@Override
	public int appendQuoted(char[] buffer, int offset) {
		return text().appendQuoted(buffer, offset);
	}

	@Override
	public int writeQuotedUTF8(OutputStream out) throws IOException {
		return text().writeQuotedUTF8(out);
	}

	@Override
	public int putQuotedUTF8(ByteBuffer buffer) throws IOException {
		return text().putQuotedUTF8(buffer);
	}

	@Override
	public String toString() {
		return getValue();
	}

	private SerializedString text() {
		SerializedString text = this.text;
		if (text == null) {
			text = new SerializedString(new String(this.bytes, this.offset, this.length, StandardCharsets.UTF_8));
			this.text = text;
		}
		return text;
	}

}
