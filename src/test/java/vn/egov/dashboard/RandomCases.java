package vn.egov.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Randomised tests with plain JUnit: a property runs for a number of cases, each drawn
 * from its own {@link Random} seeded from the run's seed and the case's number, so that a
 * failing case is reported with the seed that repeats it. The run's seed is
 * {@value #DEFAULT_SEED} unless the system property {@code egov.test.seed} names another
 * (e.g. {@code ./mvnw test -Degov.test.seed=7 -Dtest=GraphQlFuzzTests}); the same seed
 * gives the same cases.
 */
public final class RandomCases {

	/** The seed of every run that names none: runs repeat each other. */
	public static final long DEFAULT_SEED = 20261206L;

	private static final long SEED = Long.getLong("egov.test.seed", DEFAULT_SEED);

	private final Random random;

	private RandomCases(Random random) {
		this.random = random;
	}

	/**
	 * Runs {@code property} for {@code cases} cases; a failure names the case and the
	 * seed.
	 */
	public static void forAll(int cases, Consumer<RandomCases> property) {
		for (int i = 0; i < cases; i++) {
			long seed = SEED * 1_000_003L + i;
			try {
				property.accept(new RandomCases(new Random(seed)));
			}
			catch (AssertionError | RuntimeException ex) {
				throw new AssertionError("Case " + i + " of " + cases + " failed (run seed " + SEED
						+ ", -Degov.test.seed=" + SEED + " repeats it): " + ex.getMessage(), ex);
			}
		}
	}

	/** A whole number from {@code min} to {@code max}, both included. */
	public long between(long min, long max) {
		return min + (long) (this.random.nextDouble() * ((double) max - min + 1));
	}

	/** A whole number from {@code min} to {@code max}, both included. */
	public int between(int min, int max) {
		return min + this.random.nextInt(max - min + 1);
	}

	public boolean bool() {
		return this.random.nextBoolean();
	}

	/** One of {@code values}, each as likely. */
	public <T> T of(List<? extends T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	/** One of {@code values}, each as likely. */
	@SafeVarargs
	public final <T> T of(T... values) {
		return values[this.random.nextInt(values.length)];
	}

	/** The value of one of {@code choices}, each as likely. */
	@SafeVarargs
	public final <T> T oneOf(Supplier<? extends T>... choices) {
		return of(choices).get();
	}

	/**
	 * The value of one of the choices, chosen in proportion to its weight: {@code
	 * weighted(4, a, 1, b)} takes {@code a} four times as often as {@code b}.
	 */
	public <T> T weighted(int weightA, Supplier<? extends T> a, int weightB, Supplier<? extends T> b) {
		return (this.random.nextInt(weightA + weightB) < weightA) ? a.get() : b.get();
	}

	/** The value of one of three choices, chosen in proportion to its weight. */
	public <T> T weighted(int weightA, Supplier<? extends T> a, int weightB, Supplier<? extends T> b, int weightC,
			Supplier<? extends T> c) {
		int draw = this.random.nextInt(weightA + weightB + weightC);
		return (draw < weightA) ? a.get() : (draw < weightA + weightB) ? b.get() : c.get();
	}

	/** From {@code min} to {@code max} elements, each made by {@code element}. */
	public <T> List<T> list(int min, int max, Function<RandomCases, T> element) {
		int size = between(min, max);
		List<T> list = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			list.add(element.apply(this));
		}
		return list;
	}

	/**
	 * A map of at most {@code max} entries with keys from {@code keys} (a key drawn twice
	 * counts once) and values made by {@code value}.
	 */
	public <V> Map<String, V> map(int max, List<String> keys, Function<RandomCases, V> value) {
		Map<String, V> map = new LinkedHashMap<>();
		int size = between(0, max);
		for (int i = 0; i < size; i++) {
			map.put(of(keys), value.apply(this));
		}
		return map;
	}

	/** Text of at most {@code maxLength} characters drawn from {@code alphabet}. */
	public String string(String alphabet, int maxLength) {
		int length = between(0, maxLength);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	/**
	 * Text of at most {@code maxLength} characters of any kind: letters, digits,
	 * punctuation, Vietnamese, control characters, surrogates alone and in pairs.
	 */
	public String anyString(int maxLength) {
		int length = between(0, maxLength);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) (int) weighted(6, () -> between(0x20, 0x7e), 2, () -> between(0xa0, 0x1fff), 1,
					() -> between(0, 0xffff)));
		}
		return text.toString();
	}

	public int anyInt() {
		return this.random.nextInt();
	}

	public long anyLong() {
		return this.random.nextLong();
	}

	/** Any double, the extremes and special values among them. */
	public double anyDouble() {
		return weighted(4, () -> (this.random.nextDouble() - 0.5) * Math.pow(10, between(-5, 12)), 1,
				() -> of(0.0, -0.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e308));
	}

}
