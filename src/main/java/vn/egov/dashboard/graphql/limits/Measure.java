package vn.egov.dashboard.graphql.limits;

/**
 * The size of one operation, measured on the document as written (before
 * {@code @skip}/{@code @include}), with every fragment counted each time it is spread:
 * <ul>
 * <li>{@code depth}: the deepest nesting of field selections; {@code { agencies {
 * totalCount } }} is 2;</li>
 * <li>{@code cost}: the most objects the operation could return, like GitHub's node
 * limit. Every field that returns a list of objects, or a {@code …Connection}, multiplies
 * by its {@code first} argument (or its schema default, or the default page size of 20
 * when it has none); its cost is that number times the multipliers of the lists it is
 * nested in, and the operation's cost is the sum. {@code edges} inside a connection adds
 * nothing: the connection already counted its page. Scalars cost nothing;</li>
 * <li>{@code fields}: the number of field selections;</li>
 * <li>{@code aliases}: the number of aliased field selections.</li>
 * </ul>
 * Introspection ({@code __schema}, {@code __type}) is left out: graphql-java bounds it
 * already (one of each, at most 500 fields and 20 levels). Counts saturate at
 * {@link Long#MAX_VALUE} instead of overflowing.
 */
record Measure(long depth, long cost, long fields, long aliases) {

	static final Measure NOTHING = new Measure(0, 0, 0, 0);

	/** This selection and {@code other}, side by side. */
	Measure plus(Measure other) {
		return new Measure(Math.max(this.depth, other.depth), add(this.cost, other.cost),
				add(this.fields, other.fields), add(this.aliases, other.aliases));
	}

	static long add(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

	static long multiply(long a, long b) {
		if (a == 0 || b == 0) {
			return 0;
		}
		return (a > Long.MAX_VALUE / b) ? Long.MAX_VALUE : a * b;
	}

}
