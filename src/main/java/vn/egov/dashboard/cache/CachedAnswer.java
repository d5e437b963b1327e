package vn.egov.dashboard.cache;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

import vn.egov.dashboard.graphql.Utf8Json;

/**
 * The data of an answer from the {@link ResponseCache}, kept as the HTTP body it is sent
 * as: {@code {"data":…}} in UTF-8. {@link CachedAnswerHttpHandler} writes those bytes out
 * as they are; elsewhere (a query over a WebSocket) Jackson serialises this object, which
 * copies the bytes of the data in.
 */
final class CachedAnswer extends JacksonSerializable.Base {

	private static final byte[] PREFIX = "{\"data\":".getBytes(StandardCharsets.UTF_8);

	private static final byte[] SUFFIX = "}".getBytes(StandardCharsets.UTF_8);

	private final byte[] body;

	/**
	 * The answer whose data serialises as {@code data}, the JSON of the data in UTF-8.
	 */
	CachedAnswer(byte[] data) {
		this.body = new byte[PREFIX.length + data.length + SUFFIX.length];
		System.arraycopy(PREFIX, 0, this.body, 0, PREFIX.length);
		System.arraycopy(data, 0, this.body, PREFIX.length, data.length);
		System.arraycopy(SUFFIX, 0, this.body, PREFIX.length + data.length, SUFFIX.length);
	}

	/** The whole response body, {@code {"data":…}}: shared, never to be written to. */
	byte[] body() {
		return this.body;
	}

	@Override
	public void serialize(JsonGenerator generator, SerializationContext context) {
		generator
			.writeRawValue(new Utf8Json(this.body, PREFIX.length, this.body.length - PREFIX.length - SUFFIX.length));
	}

	@Override
	public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer serializer) {
		serialize(generator, context);
	}

}
