package vn.egov.dashboard.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache's key is an unambiguous encoding of what changes an answer: two
 * requests share a key only when their documents, operation names, variables and
 * extensions are equal as JSON values (issue 18, item 3).
 */
class ResponseCacheKeyTests {

	private static final String QUERY = "query($filter: AgencyFilter) { agencies(filter: $filter) { totalCount } }";

	@Example
	void shouldTellApartTheVariablesOfThePoisoningAttack() {
		Map<String, Object> victim = new LinkedHashMap<>();
		victim.put("search", "hoa binh");
		victim.put("asOf", "2017-01-01");
		String attacker = key(Map.of("filter", Map.of("search", "hoa binh, asOf=2017-01-01")));
		assertThat(key(Map.of("filter", victim))).isNotEqualTo(attacker);
		// Map.toString() printed both as {filter={search=hoa binh, asOf=2017-01-01}}.
		assertThat(Map.of("filter", victim).toString())
			.isEqualTo(Map.of("filter", Map.of("search", "hoa binh, asOf=2017-01-01")).toString());
	}

	@Example
	void shouldTellApartTypesThatPrintTheSame() {
		assertThat(key(Map.of("n", 1L))).isNotEqualTo(key(Map.of("n", "1")))
			.isNotEqualTo(key(Map.of("n", 1.0)))
			.isNotEqualTo(key(Map.of("n", List.of(1L))));
		assertThat(key(Map.of("b", true))).isNotEqualTo(key(Map.of("b", "true")));
		assertThat(key(Collections.singletonMap("x", null))).isNotEqualTo(key(Map.of("x", "null")))
			.isNotEqualTo(key(Map.of()));
	}

	@Example
	void shouldTellApartEveryPartOfTheRequest() {
		String base = ResponseCache.key(QUERY, null, Map.of(), Map.of());
		assertThat(ResponseCache.key(QUERY, "", Map.of(), Map.of())).isNotEqualTo(base);
		assertThat(ResponseCache.key(QUERY + " ", null, Map.of(), Map.of())).isNotEqualTo(base);
		assertThat(ResponseCache.key(QUERY, null, Map.of(), Map.of("compiled", false))).isNotEqualTo(base);
		// A part cannot borrow from the next one.
		assertThat(ResponseCache.key("a", "b", Map.of(), Map.of()))
			.isNotEqualTo(ResponseCache.key("a\",\"b", null, Map.of(), Map.of()));
		assertThat(ResponseCache.sha256("ab".getBytes(), "c".getBytes()))
			.isNotEqualTo(ResponseCache.sha256("a".getBytes(), "bc".getBytes()));
	}

	@Property(tries = 2000)
	void shouldGiveDistinctVariablesDistinctKeys(@ForAll("variables") Map<String, Object> a,
			@ForAll("variables") Map<String, Object> b) {
		if (a.equals(b)) {
			assertThat(key(a)).isEqualTo(key(b));
		}
		else {
			assertThat(key(a)).as("%s and %s", a, b).isNotEqualTo(key(b));
		}
	}

	@Property(tries = 300)
	void shouldGiveTheSameVariablesInAnotherOrderTheSameKey(@ForAll("variables") Map<String, Object> variables) {
		List<Map.Entry<String, Object>> entries = new ArrayList<>(variables.entrySet());
		Collections.reverse(entries);
		Map<String, Object> reversed = new LinkedHashMap<>();
		entries.forEach((entry) -> reversed.put(entry.getKey(), entry.getValue()));
		assertThat(key(reversed)).isEqualTo(key(variables));
	}

	private static String key(Map<String, Object> variables) {
		return ResponseCache.key(QUERY, null, variables, Map.of());
	}

	/**
	 * Variables as JSON decodes them, from few names and pieces of text that
	 * {@code Map.toString()} confuses (", ", "=", braces, brackets), so that near
	 * collisions are frequent.
	 */
	@Provide
	Arbitrary<Map<String, Object>> variables() {
		return maps(2);
	}

	private static Arbitrary<Map<String, Object>> maps(int depth) {
		return Arbitraries.maps(Arbitraries.of("filter", "search", "asOf", "a", "a, b=", "x}"), value(depth))
			.ofMaxSize(3);
	}

	private static Arbitrary<Object> value(int depth) {
		Arbitrary<Object> text = Arbitraries
			.of("hoa binh", ", ", "=", "asOf=2017-01-01", "{", "}", "[", "]", "1", "true", "null", "\"", "")
			.list()
			.ofMaxSize(3)
			.map((pieces) -> String.join("", pieces));
		Arbitrary<Object> scalars = Arbitraries.oneOf(text, Arbitraries.longs().between(-2, 2).map((n) -> n),
				Arbitraries.of(1.0, -0.0, 0.0, 1.5).map((d) -> d), Arbitraries.of(true, false).map((b) -> b),
				Arbitraries.just(null));
		if (depth == 0) {
			return scalars;
		}
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, scalars),
				net.jqwik.api.Tuple.of(1, value(depth - 1).list().ofMaxSize(2).map((list) -> list)),
				net.jqwik.api.Tuple.of(1, maps(depth - 1).map((map) -> map)));
	}

}
