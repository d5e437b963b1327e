package vn.egov.dashboard.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Utf8Json}: JSON already in UTF-8 is written by Jackson byte for byte, from a
 * slice of a larger array and whether or not it fits the generator's buffer.
 */
class Utf8JsonTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void shouldWriteTheBytesOfItsSliceAsTheValue() {
		byte[] body = "{\"data\":{\"agency\":{\"name\":\"Đà Nẵng\",\"nameEn\":\"Da Nang\"}}}"
			.getBytes(StandardCharsets.UTF_8);
		int start = "{\"data\":".length();
		Utf8Json data = new Utf8Json(body, start, body.length - start - 1);

		String written = this.json.writeValueAsString(Map.of("data", new RawValue(data), "extensions", Map.of()));

		assertThat(this.json.readTree(written).path("data").path("agency").path("name").asString())
			.isEqualTo("Đà Nẵng");
		assertThat(data.getValue()).isEqualTo("{\"agency\":{\"name\":\"Đà Nẵng\",\"nameEn\":\"Da Nang\"}}");
		assertThat(data.asUnquotedUTF8()).isEqualTo(data.getValue().getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void shouldWriteAnAnswerLargerThanTheGeneratorsBuffer() {
		StringBuilder names = new StringBuilder("[");
		for (int i = 0; i < 20_000; i++) {
			names.append(i == 0 ? "" : ",").append("\"Hòa Bình ").append(i).append('"');
		}
		String list = names.append(']').toString();

		Utf8Json data = new Utf8Json(list.getBytes(StandardCharsets.UTF_8));

		byte[] written = this.json.writeValueAsBytes(Map.of("data", new RawValue(data)));

		assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("{\"data\":" + list + "}");
	}

	@Test
	void shouldRefuseToAppendWhereItDoesNotFit() {
		Utf8Json value = new Utf8Json("\"Cần Thơ\"".getBytes(StandardCharsets.UTF_8));
		byte[] small = new byte[4];

		assertThat(value.appendUnquotedUTF8(small, 0)).isEqualTo(-1);
		assertThat(small).containsOnly(0);
		byte[] large = new byte[32];
		int length = value.appendUnquotedUTF8(large, 3);
		assertThat(new String(large, 3, length, StandardCharsets.UTF_8)).isEqualTo("\"Cần Thơ\"");
	}

}
