package vn.egov.dashboard.graphql.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counting tokens by GraphQL's lexical grammar.
 */
class TokensTests {

	@Test
	void shouldCountNamesNumbersStringsAndPunctuatorsButNotIgnoredText() {
		// { a ( b : 1.5e3 c : "x, }" ) ... F }: 13 tokens; the comma, white space and the
		// comment are ignored.
		Tokens tokens = Tokens.of("{ a(b: 1.5e3, c: \"x, }\") ...F } # { { {\n");
		assertThat(tokens.count()).isEqualTo(13);
		assertThat(tokens.nesting()).isEqualTo(1);
	}

	@Test
	void shouldReadBlockStringsAndEscapesAsOneToken() {
		// { a ( b : (block string) c : (string) ) }
		assertThat(Tokens.of("{ a(b: \"\"\"x \\\"\"\" { \"\"\", c: \"\\\"{\") }").count()).isEqualTo(11);
	}

	@Test
	void shouldMeasureTheDeepestNesting() {
		assertThat(Tokens.of("{ a { b { c } } d { e } }").nesting()).isEqualTo(3);
		assertThat(Tokens.of("{ a(b: [[{c: [1]}]]) }").nesting()).isEqualTo(5);
	}

}
