package vn.egov.dashboard.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.RandomCases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache's key is an unambiguous encoding of what changes an answer: two
 * requests share a key only when their documents, operation names, variables and
 * extensions are equal as JSON values (issue 18, item 3).
 */
class ResponseCacheKeyTests {

	private static final String QUERY = "query($filter: AgencyFilter) { agencies(filter: $filter) { totalCount } }";

	@Test
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

	@Test
	void shouldTellApartTypesThatPrintTheSame() {
		assertThat(key(Map.of("n", 1L))).isNotEqualTo(key(Map.of("n", "1")))
			.isNotEqualTo(key(Map.of("n", 1.0)))
			.isNotEqualTo(key(Map.of("n", List.of(1L))));
		assertThat(key(Map.of("b", true))).isNotEqualTo(key(Map.of("b", "true")));
		assertThat(key(Collections.singletonMap("x", null))).isNotEqualTo(key(Map.of("x", "null")))
			.isNotEqualTo(key(Map.of()));
	}

	@Test
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

	@Test
	void shouldGiveDistinctVariablesDistinctKeys() {
		RandomCases.forAll(2000, (random) -> {
			Map<String, Object> a = variables(random);
			Map<String, Object> b = variables(random);
			if (a.equals(b)) {
				assertThat(key(a)).isEqualTo(key(b));
			}
			else {
				assertThat(key(a)).as("%s and %s", a, b).isNotEqualTo(key(b));
			}
		});
	}

	@Test
	void shouldGiveTheSameVariablesInAnotherOrderTheSameKey() {
		RandomCases.forAll(300, (random) -> {
			Map<String, Object> variables = variables(random);
			List<Map.Entry<String, Object>> entries = new ArrayList<>(variables.entrySet());
			Collections.reverse(entries);
			Map<String, Object> reversed = new LinkedHashMap<>();
			entries.forEach((entry) -> reversed.put(entry.getKey(), entry.getValue()));
			assertThat(key(reversed)).isEqualTo(key(variables));
		});
	}

	private static String key(Map<String, Object> variables) {
		return ResponseCache.key(QUERY, null, variables, Map.of());
	}

	/**
	 * Variables as JSON decodes them, from few names and pieces of text that
	 * {@code Map.toString()} confuses (", ", "=", braces, brackets), so that near
	 * collisions are frequent.
	 */
	private static Map<String, Object> variables(RandomCases random) {
		return maps(random, 2);
	}

	private static Map<String, Object> maps(RandomCases random, int depth) {
		return random.map(3, List.of("filter", "search", "asOf", "a", "a, b=", "x}"), (r) -> value(r, depth));
	}

	private static Object value(RandomCases random, int depth) {
		Supplier<Object> scalars = () -> random.oneOf(
				() -> String.join("",
						random.list(0, 3,
								(r) -> r.of("hoa binh", ", ", "=", "asOf=2017-01-01", "{", "}", "[", "]", "1", "true",
										"null", "\"", ""))),
				() -> random.between(-2L, 2L), () -> random.of(1.0, -0.0, 0.0, 1.5), random::bool, () -> null);
		if (depth == 0) {
			return scalars.get();
		}
		return random.weighted(4, scalars, 1, () -> random.list(0, 2, (r) -> value(r, depth - 1)), 1,
				() -> maps(random, depth - 1));
	}

}
