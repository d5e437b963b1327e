package vn.egov.dashboard.progress;

/**
 * How a value is compared with a target value; stored as its symbol.
 */
public enum TargetComparator {

	EQ("="), GE(">="), GT(">"), LE("<=");

	private final String symbol;

	TargetComparator(String symbol) {
		this.symbol = symbol;
	}

	public String symbol() {
		return this.symbol;
	}

	public static TargetComparator ofSymbol(String symbol) {
		for (TargetComparator comparator : values()) {
			if (comparator.symbol.equals(symbol)) {
				return comparator;
			}
		}
		throw new IllegalArgumentException("Unknown comparator " + symbol);
	}

}
