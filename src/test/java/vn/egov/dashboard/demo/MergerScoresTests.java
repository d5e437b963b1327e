package vn.egov.dashboard.demo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.demo.ScoreGenerator.Known;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Deriving a pre-merger table from the post-merger one, without a server.
 */
class MergerScoresTests {

	/** Six provinces become three units: A unchanged, B+C into BC, D+E+F into DEF. */
	private static final List<String> BEFORE = List.of("A", "B", "C", "D", "E", "F");

	private static final Map<String, List<String>> PREDECESSORS = Map.of("A", List.of("A"), "BC", List.of("B", "C"),
			"DEF", List.of("D", "E", "F"));

	private static final Map<String, BigDecimal> AFTER = Map.of("A", new BigDecimal("0.8241"), "BC",
			new BigDecimal("0.7857"), "DEF", new BigDecimal("0.6001"));

	@Test
	void shouldKeepAnUnchangedProvinceAndAverageEachMergedUnitExactly() {
		// B was published first before the merger.
		Map<String, BigDecimal> before = MergerScores.derive(BEFORE, Map.of("B", new Known(null, 1)), Map.of(), AFTER,
				PREDECESSORS, BigDecimal.ONE, "test");
		assertThat(before.get("A")).isEqualByComparingTo("0.8241");
		assertThat(before.get("B").add(before.get("C"))).isEqualByComparingTo("1.5714");
		assertThat(before.get("D").add(before.get("E")).add(before.get("F"))).isEqualByComparingTo("1.8003");
		assertThat(ScoreGenerator.rank(before, before.get("B"))).isEqualTo(1);
		assertThat(before.values()).doesNotHaveDuplicates()
			.allSatisfy((score) -> assertThat(score.scale()).isEqualTo(4));
	}

	@Test
	void shouldRefuseAPublishedScoreThatDiffersBetweenTheBlocksForTheSameUnit() {
		assertThatIllegalStateException()
			.isThrownBy(() -> MergerScores.derive(BEFORE, Map.of("A", new Known(new BigDecimal("0.7105"), null)),
					Map.of(), AFTER, PREDECESSORS, BigDecimal.ONE, "test"))
			.withMessageContaining("0.7105 before the merger and 0.8241 after it");
	}

	@Test
	void shouldRefuseAnAverageThePublishedRanksLeaveNoRoomFor() {
		// B first and C second, both above A's 0.8241: BC cannot average 0.5.
		assertThatIllegalStateException()
			.isThrownBy(
					() -> MergerScores.derive(BEFORE, Map.of("B", new Known(null, 1), "C", new Known(null, 2)),
							Map.of(),
							Map.of("A", new BigDecimal("0.8241"), "BC", new BigDecimal("0.5"), "DEF",
									new BigDecimal("0.6001")),
							PREDECESSORS, BigDecimal.ONE, "test"))
			.withMessageContaining("all published or ranked");
	}

}
