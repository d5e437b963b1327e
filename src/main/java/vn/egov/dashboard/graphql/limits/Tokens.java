package vn.egov.dashboard.graphql.limits;

/**
 * A scan of a GraphQL document by its lexical grammar: how many tokens it holds (names,
 * numbers, strings and punctuators; not white space, commas or comments) and how deeply
 * its braces and brackets nest. Used to tell a client by how much a document that
 * graphql-java's parser gave up on went over a limit; it runs only then, on documents no
 * longer than the request body limit.
 *
 * @param count the number of tokens
 * @param nesting the deepest nesting of {@code {}} and {@code []}
 */
record Tokens(long count, int nesting) {

	static Tokens of(String document) {
		long count = 0;
		int nesting = 0;
		int deepest = 0;
		int length = document.length();
		int i = 0;
		while (i < length) {
			char c = document.charAt(i);
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\uFEFF') {
				i++;
				continue;
			}
			if (c == '#') {
				while (i < length && document.charAt(i) != '\n' && document.charAt(i) != '\r') {
					i++;
				}
				continue;
			}
			count++;
			if (c == '"') {
				i = document.startsWith("\"\"\"", i) ? afterBlockString(document, i + 3) : afterString(document, i + 1);
			}
			else if (c == '.' && document.startsWith("...", i)) {
				i += 3;
			}
			else if (isNameStart(c)) {
				i++;
				while (i < length && (isNameStart(document.charAt(i)) || isDigit(document.charAt(i)))) {
					i++;
				}
			}
			else if (c == '-' || isDigit(c)) {
				i++;
				while (i < length && (isDigit(document.charAt(i)) || ".eE+-".indexOf(document.charAt(i)) >= 0)) {
					i++;
				}
			}
			else {
				if (c == '{' || c == '[') {
					deepest = Math.max(deepest, ++nesting);
				}
				else if (c == '}' || c == ']') {
					nesting = Math.max(0, nesting - 1);
				}
				i++;
			}
		}
		return new Tokens(count, deepest);
	}

	private static boolean isNameStart(char c) {
		return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static int afterString(String document, int from) {
		int i = from;
		while (i < document.length()) {
			char c = document.charAt(i);
			if (c == '\\') {
				i += 2;
			}
			else if (c == '"' || c == '\n' || c == '\r') {
				return i + 1;
			}
			else {
				i++;
			}
		}
		return i;
	}

	private static int afterBlockString(String document, int from) {
		int i = from;
		while (i < document.length()) {
			if (document.startsWith("\\\"\"\"", i)) {
				i += 4;
			}
			else if (document.startsWith("\"\"\"", i)) {
				return i + 3;
			}
			else {
				i++;
			}
		}
		return i;
	}

}
