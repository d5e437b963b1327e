package vn.egov.dashboard.target;

/**
 * How a value is compared with a target value; stored as its symbol.
 */
public enum Comparator {

	EQ("="), GE(">="), GT(">"), LE("<=");

	private final String symbol;

	Comparator(String symbol) {
		this.symbol = symbol;
	}

	public String symbol() {
		return this.symbol;
	}

	public static Comparator ofSymbol(String symbol) {
		for (Comparator comparator : values()) {
			if (comparator.symbol.equals(symbol)) {
				return comparator;
			}
		}
		throw new IllegalArgumentException("Unknown comparator " + symbol);
	}

}
