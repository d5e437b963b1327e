package vn.egov.dashboard.assessment;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A category of a round: the total, a pillar or an index, with the highest score it
 * allows in that round.
 *
 * @param code stable across rounds ({@code TOTAL}, {@code CHINH_QUYEN_SO}), so a category
 * can be followed over the years
 */
public record AssessmentCategory(long roundId, String code, String name, @Nullable String nameEn, CategoryKind kind,
		BigDecimal maxScore, int position) {

	public static final String TOTAL = "TOTAL";

	/**
	 * Whether {@code given} names this category: its code, or its Vietnamese name,
	 * ignoring case.
	 */
	public boolean isNamed(String given) {
		String wanted = normalize(given);
		return wanted.equals(normalize(this.code)) || wanted.equals(normalize(this.name))
				|| (this.nameEn != null && wanted.equals(normalize(this.nameEn)));
	}

	private static String normalize(String text) {
		return Normalizer.normalize(text.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
	}

}
