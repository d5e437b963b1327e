package vn.egov.dashboard.demo;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.demo.ScoreGenerator.Known;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Completing a ranking table around published figures.
 */
class ScoreGeneratorTests {

	private static final List<String> MEMBERS = List.of("A", "B", "C", "D", "E", "F", "G", "H");

	@Test
	void shouldKeepPublishedTiesAndRanksAndInventNoOtherTie() {
		Map<String, Known> published = Map.of("A", new Known(new BigDecimal("0.9"), 1), "B", new Known(null, 2), "C",
				new Known(null, 2), "D", new Known(null, 4), "H", new Known(new BigDecimal("0.2"), 8));
		Map<String, BigDecimal> scores = ScoreGenerator.fill(MEMBERS, published, Map.of(), BigDecimal.ONE, null,
				"test");
		assertThat(scores.get("A")).isEqualByComparingTo("0.9");
		assertThat(scores.get("B")).isEqualByComparingTo(scores.get("C"));
		assertThat(ScoreGenerator.rank(scores, scores.get("B"))).isEqualTo(2);
		assertThat(ScoreGenerator.rank(scores, scores.get("D"))).isEqualTo(4);
		assertThat(ScoreGenerator.rank(scores, scores.get("H"))).isEqualTo(8);
		assertThat(new HashSet<>(scores.values().stream().map(BigDecimal::stripTrailingZeros).toList())).hasSize(7);
	}

	@Test
	void shouldPlaceAPublishedScoreWithoutRankBetweenItsNeighbours() {
		// DTI 2020, bộ ngành không có DVC: Đài THVN first with 0.2995, TTXVN second, VAST
		// 0.2848 with no rank.
		Map<String, Known> published = Map.of("A", new Known(new BigDecimal("0.2995"), 1), "B", new Known(null, 2), "C",
				new Known(new BigDecimal("0.2848"), null));
		Map<String, BigDecimal> scores = ScoreGenerator.fill(MEMBERS, published, Map.of(), BigDecimal.ONE, null,
				"test");
		assertThat(scores.get("B")).isStrictlyBetween(new BigDecimal("0.2848"), new BigDecimal("0.2995"));
		assertThat(scores.get("C")).isEqualByComparingTo("0.2848");
		assertThat(ScoreGenerator.rank(scores, scores.get("C"))).isGreaterThanOrEqualTo(3);
	}

	@Test
	void shouldPutLowPublishedScoresWithoutRankAtTheBottom() {
		// Vietnam ICT Index 2016: three provinces "among the last three", with scores but
		// no rank.
		Map<String, Known> published = Map.of("A", new Known(new BigDecimal("0.83"), 1), "F",
				new Known(new BigDecimal("0.2144"), null), "G", new Known(new BigDecimal("0.1914"), null), "H",
				new Known(new BigDecimal("0.1738"), null));
		Map<String, BigDecimal> scores = ScoreGenerator.fill(MEMBERS, published, Map.of(), BigDecimal.ONE, null,
				"test");
		assertThat(List.of("F", "G", "H")).extracting((a) -> ScoreGenerator.rank(scores, scores.get(a)))
			.containsExactly(6, 7, 8);
		// in a longer table they are placed where the curve expects them, unless a rank
		// range says otherwise
		List<String> many = java.util.stream.IntStream.rangeClosed(1, 63).mapToObj((i) -> "P" + i).toList();
		Map<String, Known> bottom = Map.of("P1", new Known(new BigDecimal("0.8321"), 1), "P2",
				new Known(new BigDecimal("0.6705"), 2), "P3", new Known(new BigDecimal("0.6456"), 3), "P61",
				new Known(new BigDecimal("0.2144"), null, 61, 63, null, null), "P62",
				new Known(new BigDecimal("0.1914"), null, 61, 63, null, null), "P63",
				new Known(new BigDecimal("0.1738"), null, 61, 63, null, null));
		Map<String, BigDecimal> table = ScoreGenerator.fill(many, bottom, Map.of(), BigDecimal.ONE, null, "ict2016");
		assertThat(List.of("P61", "P62", "P63")).extracting((a) -> ScoreGenerator.rank(table, table.get(a)))
			.containsExactly(61, 62, 63);
	}

	@Test
	void shouldFitTheClosestDecreasingScoresWhereTheOrderDisagrees() {
		// 0.5 and 0.7 in this order pool at their mean 0.6, one step apart.
		assertThat(ScoreGenerator.decreasing(new double[] { 0.8, 0.5, 0.7, 0.3 }))
			.containsExactly(new double[] { 0.8, 0.60005, 0.59995, 0.3 }, org.assertj.core.data.Offset.offset(1e-12));
		assertThat(ScoreGenerator.decreasing(new double[] { 0.9, 0.6, 0.2 })).containsExactly(0.9, 0.6, 0.2);
	}

	@Test
	void shouldKeepRankedScoresWithinTheRangeTheSourceGives() {
		// Vietnam ICT Index 2016, Hạ tầng kỹ thuật: Đà Nẵng 0.84 first, TP.HCM and Hà Nội
		// "lần lượt" next, "cùng khoảng 0.589".
		List<String> many = java.util.stream.IntStream.rangeClosed(1, 63).mapToObj((i) -> "P" + i).toList();
		BigDecimal low = new BigDecimal("0.5885");
		BigDecimal high = new BigDecimal("0.5894");
		Map<String, Known> published = Map.of("P1", new Known(new BigDecimal("0.84"), 1), "P2",
				new Known(null, 2, 1, Integer.MAX_VALUE, low, high), "P3",
				new Known(null, 3, 1, Integer.MAX_VALUE, low, high));
		Map<String, BigDecimal> table = ScoreGenerator.fill(many, published, Map.of(), BigDecimal.ONE, null, "range");
		assertThat(table.get("P2")).isEqualByComparingTo("0.5892");
		assertThat(table.get("P3")).isEqualByComparingTo("0.5887");
		assertThat(List.of("P1", "P2", "P3")).extracting((a) -> ScoreGenerator.rank(table, table.get(a)))
			.containsExactly(1, 2, 3);
		// Without the range, the curve from 0.84 would put them far above 0.589.
		Map<String, BigDecimal> unbounded = ScoreGenerator.fill(many,
				Map.of("P1", new Known(new BigDecimal("0.84"), 1), "P2", new Known(null, 2), "P3", new Known(null, 3)),
				Map.of(), BigDecimal.ONE, null, "range");
		assertThat(unbounded.get("P3")).isGreaterThan(new BigDecimal("0.6"));
	}

	@Test
	void shouldOrderTheRestByStrengthAndRepeatItself() {
		Map<String, Double> strength = Map.of("H", 0.9, "G", 0.8, "F", 0.7);
		Map<String, BigDecimal> scores = ScoreGenerator.fill(MEMBERS, Map.of(), strength, BigDecimal.ONE, 0.7, "same");
		assertThat(ScoreGenerator.rank(scores, scores.get("H"))).isEqualTo(1);
		assertThat(ScoreGenerator.rank(scores, scores.get("F"))).isEqualTo(3);
		assertThat(ScoreGenerator.fill(MEMBERS, Map.of(), strength, BigDecimal.ONE, 0.7, "same")).isEqualTo(scores);
		assertThat(scores.values().stream().max(BigDecimal::compareTo).orElseThrow()).isEqualByComparingTo("0.7");
		assertThat(scores.values()).allSatisfy((s) -> assertThat(s).isBetween(BigDecimal.ZERO, BigDecimal.ONE));
	}

	@Test
	void shouldRefuseFiguresThatContradictEachOther() {
		assertThatIllegalStateException().isThrownBy(() -> ScoreGenerator.fill(MEMBERS,
				Map.of("A", new Known(new BigDecimal("0.5"), 1), "B", new Known(new BigDecimal("0.6"), 2)), Map.of(),
				BigDecimal.ONE, null, "test"));
		assertThatIllegalStateException().isThrownBy(() -> ScoreGenerator.fill(MEMBERS, Map.of("A", new Known(null, 9)),
				Map.of(), BigDecimal.ONE, null, "test"));
		assertThatIllegalStateException().isThrownBy(() -> ScoreGenerator.fill(MEMBERS, Map.of("Z", new Known(null, 1)),
				Map.of(), BigDecimal.ONE, null, "test"));
		// nobody fits above a rank-2 score equal to the maximum
		assertThatIllegalStateException().isThrownBy(() -> ScoreGenerator.fill(MEMBERS,
				Map.of("A", new Known(BigDecimal.ONE, 2)), Map.of(), BigDecimal.ONE, null, "test"));
	}

}
