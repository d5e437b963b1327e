package vn.egov.dashboard.csv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.Texts;

/**
 * Decodes an uploaded file: it must be UTF-8 (Excel: "CSV UTF-8"), since a file in
 * another encoding would silently turn Vietnamese names into garbage, and hold only text
 * PostgreSQL can store (no NUL character).
 */
public final class CsvText {

	private CsvText() {
	}

	public static String decode(byte[] bytes) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new InvalidInputException("file", "is not UTF-8 text; save it as \"CSV UTF-8\"");
		}
		String unstorable = Texts.unstorable(text);
		if (unstorable != null) {
			throw new InvalidInputException("file", unstorable);
		}
		return text;
	}

}
