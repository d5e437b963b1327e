package vn.egov.dashboard.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import vn.egov.dashboard.demo.ScoreGenerator.Known;

/**
 * The pre-merger table of a round that also ranks the merged provinces (DTI 2024),
 * derived from the post-merger one so that no generated score contradicts a published
 * one. The post-merger block is the average of the predecessors' indices, so:
 * <ul>
 * <li>an unchanged province (Hà Nội; Huế, which only changed its name) is the same unit
 * in both blocks: its pre-merger score is its post-merger one (Hà Nội 0.8241, published
 * after the merger, is also its score before);</li>
 * <li>the provinces merged into one unit share out its score: their average is exactly
 * the unit's.</li>
 * </ul>
 * How: a draft of the whole pre-merger table ({@link ScoreGenerator#fill}, with the
 * unchanged provinces' scores fixed) gives every published rank back and places every
 * other province between two ranked ones; the merged provinces then move, each within its
 * place between the ranked ones, until each unit's average is exact (the draft's
 * differences between them are kept as far as the places allow). Published pre-merger
 * scores and the scores of provinces with a published rank stay as drafted. Pure: no I/O.
 */
final class MergerScores {

	private static final BigDecimal STEP = BigDecimal.ONE.movePointLeft(ScoreGenerator.DECIMALS);

	private MergerScores() {
	}

	/**
	 * A score for every pre-merger province.
	 * @param members the pre-merger provinces
	 * @param published what the sources give about them, by province
	 * @param strength orders the provinces with nothing published
	 * @param after the post-merger scores, by unit
	 * @param predecessors each post-merger unit's pre-merger provinces (itself, if
	 * unchanged)
	 * @param max the category's maximum
	 * @param seed makes the draft repeatable
	 * @throws IllegalStateException if the published figures leave no such table
	 */
	static Map<String, BigDecimal> derive(List<String> members, Map<String, Known> published,
			Map<String, Double> strength, Map<String, BigDecimal> after, Map<String, List<String>> predecessors,
			BigDecimal max, String seed) {
		checkPartition(members, after, predecessors, seed);
		Map<String, Known> known = new LinkedHashMap<>(published);
		predecessors.forEach((unit, units) -> {
			if (units.size() == 1) {
				String province = units.get(0);
				BigDecimal score = after.get(unit);
				Known given = published.get(province);
				if (given != null && given.score() != null && given.score().compareTo(score) != 0) {
					throw new IllegalStateException(seed + ": " + province + " is published with " + given.score()
							+ " before the merger and " + score + " after it, as the same unit " + unit);
				}
				known.put(province, (given != null) ? new Known(score, given.rank(), given.lowestRank(),
						given.highestRank(), given.lowestScore(), given.highestScore()) : new Known(score, null));
			}
		});
		Map<String, BigDecimal> draft = ScoreGenerator.fill(members, known, strength, max, null, seed + "/draft");
		Map<String, BigDecimal> scores = new LinkedHashMap<>(draft);
		Map<String, Bounds> bounds = new HashMap<>();
		List<List<String>> groups = new ArrayList<>();
		predecessors.forEach((unit, units) -> {
			if (units.size() < 2) {
				return;
			}
			List<String> free = units.stream().filter((p) -> !keeps(known.get(p))).toList();
			if (free.isEmpty()) {
				throw new IllegalStateException(seed + ": the scores of " + units + " are all published or ranked, "
						+ "so their average cannot be made " + after.get(unit));
			}
			BigDecimal sum = after.get(unit).multiply(BigDecimal.valueOf(units.size()));
			for (String province : units) {
				if (!free.contains(province)) {
					sum = sum.subtract(draft.get(province));
				}
			}
			for (String province : free) {
				bounds.put(province, bounds(province, draft, known, max));
			}
			share(sum, free, draft, bounds, scores, seed + " " + unit);
			groups.add(free);
		});
		separateTies(scores, known, groups, bounds, seed);
		verify(scores, known, after, predecessors, max, seed);
		return scores;
	}

	/**
	 * Whether a province keeps its drafted score: published, or with a published rank.
	 */
	private static boolean keeps(@Nullable Known known) {
		return known != null && (known.score() != null || known.rank() != null);
	}

	/** Where a score may move, both ends included. */
	private record Bounds(BigDecimal low, BigDecimal high) {

		boolean allows(BigDecimal score) {
			return score.compareTo(this.low) >= 0 && score.compareTo(this.high) <= 0;
		}

	}

	/**
	 * Strictly between the provinces with a published rank just above and just below the
	 * draft's score (so that every published rank stays), within 0 and the maximum.
	 */
	private static Bounds bounds(String province, Map<String, BigDecimal> draft, Map<String, Known> known,
			BigDecimal max) {
		BigDecimal score = draft.get(province);
		BigDecimal high = max;
		BigDecimal low = BigDecimal.ZERO;
		for (Map.Entry<String, Known> entry : known.entrySet()) {
			if (entry.getValue().rank() == null) {
				continue;
			}
			BigDecimal ranked = draft.get(entry.getKey());
			if (ranked.compareTo(score) > 0 && ranked.subtract(STEP).compareTo(high) < 0) {
				high = ranked.subtract(STEP);
			}
			if (ranked.compareTo(score) < 0 && ranked.add(STEP).compareTo(low) > 0) {
				low = ranked.add(STEP);
			}
		}
		return new Bounds(low, high);
	}

	/**
	 * Scores for {@code provinces} adding up to exactly {@code sum}: the draft's scores
	 * shifted by one amount, each kept within its bounds (a province at a bound stays
	 * there and the others move further), then rounded, the rounding made good step by
	 * step where there is room.
	 */
	private static void share(BigDecimal sum, List<String> provinces, Map<String, BigDecimal> draft,
			Map<String, Bounds> bounds, Map<String, BigDecimal> scores, String where) {
		BigDecimal lowest = BigDecimal.ZERO;
		BigDecimal highest = BigDecimal.ZERO;
		for (String province : provinces) {
			lowest = lowest.add(bounds.get(province).low());
			highest = highest.add(bounds.get(province).high());
		}
		if (sum.compareTo(lowest) < 0 || sum.compareTo(highest) > 0) {
			throw new IllegalStateException(where + ": " + provinces + " cannot add up to " + sum
					+ " within their places (" + lowest + "–" + highest + ")");
		}
		double from = -2;
		double to = 2;
		for (int i = 0; i < 100; i++) {
			double shift = (from + to) / 2;
			if (total(provinces, draft, bounds, shift) < sum.doubleValue()) {
				from = shift;
			}
			else {
				to = shift;
			}
		}
		BigDecimal rest = sum;
		for (String province : provinces) {
			Bounds b = bounds.get(province);
			BigDecimal score = BigDecimal.valueOf(clamp(draft.get(province).doubleValue() + to, b))
				.setScale(ScoreGenerator.DECIMALS, RoundingMode.HALF_UP)
				.max(b.low())
				.min(b.high());
			scores.put(province, score);
			rest = rest.subtract(score);
		}
		for (int guard = 0; rest.signum() != 0; guard++) {
			BigDecimal step = (rest.signum() > 0) ? STEP : STEP.negate();
			String province = provinces.get(guard % provinces.size());
			BigDecimal moved = scores.get(province).add(step);
			if (bounds.get(province).allows(moved)) {
				scores.put(province, moved);
				rest = rest.subtract(step);
			}
			if (guard > 100_000) {
				throw new IllegalStateException(where + ": cannot make " + provinces + " add up to " + sum);
			}
		}
	}

	private static double total(List<String> provinces, Map<String, BigDecimal> draft, Map<String, Bounds> bounds,
			double shift) {
		double total = 0;
		for (String province : provinces) {
			total += clamp(draft.get(province).doubleValue() + shift, bounds.get(province));
		}
		return total;
	}

	private static double clamp(double value, Bounds bounds) {
		return Math.max(bounds.low().doubleValue(), Math.min(bounds.high().doubleValue(), value));
	}

	/**
	 * Moves apart two provinces that ended on the same score without a published tie: one
	 * step up for one of them, one step down for another of its group, so the average
	 * stays.
	 */
	private static void separateTies(Map<String, BigDecimal> scores, Map<String, Known> known,
			List<List<String>> groups, Map<String, Bounds> bounds, String seed) {
		for (int guard = 0; guard < 10_000; guard++) {
			String tied = unpublishedTie(scores, known, groups);
			if (tied == null) {
				return;
			}
			List<String> group = groups.stream().filter((g) -> g.contains(tied)).findFirst().orElseThrow();
			boolean moved = false;
			for (int k = 1; k <= 100 && !moved; k++) {
				for (String other : group) {
					for (BigDecimal step : List.of(STEP.multiply(BigDecimal.valueOf(k)),
							STEP.multiply(BigDecimal.valueOf(-k)))) {
						BigDecimal up = scores.get(tied).add(step);
						BigDecimal down = scores.get(other).subtract(step);
						if (!moved && !other.equals(tied) && bounds.get(tied).allows(up)
								&& bounds.get(other).allows(down) && !scores.containsValue(up)
								&& !scores.containsValue(down)) {
							scores.put(tied, up);
							scores.put(other, down);
							moved = true;
						}
					}
				}
			}
			if (!moved) {
				throw new IllegalStateException(
						seed + ": cannot separate " + tied + " from an equal score within " + group);
			}
		}
		throw new IllegalStateException(seed + ": too many equal scores to separate");
	}

	/**
	 * A province of a group whose score another province has too, without a published tie
	 * between them; null if none.
	 */
	private static @Nullable String unpublishedTie(Map<String, BigDecimal> scores, Map<String, Known> known,
			List<List<String>> groups) {
		Map<BigDecimal, List<String>> byScore = new HashMap<>();
		scores.forEach((province,
				score) -> byScore.computeIfAbsent(score.stripTrailingZeros(), (k) -> new ArrayList<>()).add(province));
		for (List<String> same : byScore.values()) {
			if (same.size() < 2) {
				continue;
			}
			Integer rank = rank(known.get(same.get(0)));
			boolean published = rank != null && same.stream().allMatch((p) -> Objects.equals(rank(known.get(p)), rank));
			if (!published) {
				for (String province : same) {
					if (groups.stream().anyMatch((g) -> g.contains(province) && g.size() > 1)) {
						return province;
					}
				}
			}
		}
		return null;
	}

	private static @Nullable Integer rank(@Nullable Known known) {
		return (known != null) ? known.rank() : null;
	}

	private static void checkPartition(List<String> members, Map<String, BigDecimal> after,
			Map<String, List<String>> predecessors, String seed) {
		List<String> covered = new ArrayList<>();
		predecessors.forEach((unit, units) -> {
			if (!after.containsKey(unit) || units.isEmpty()) {
				throw new IllegalStateException(seed + ": unit " + unit + " has no score or no predecessor");
			}
			covered.addAll(units);
		});
		if (covered.size() != members.size() || !covered.containsAll(members) || predecessors.size() != after.size()) {
			throw new IllegalStateException(seed + ": the merger does not map the " + members.size()
					+ " provinces onto the " + after.size() + " units");
		}
	}

	/**
	 * Every unit's average is exact, the published scores and ranks are kept, every score
	 * is within 0 and the maximum.
	 */
	private static void verify(Map<String, BigDecimal> scores, Map<String, Known> known, Map<String, BigDecimal> after,
			Map<String, List<String>> predecessors, BigDecimal max, String seed) {
		predecessors.forEach((unit, units) -> {
			BigDecimal sum = units.stream().map(scores::get).reduce(BigDecimal.ZERO, BigDecimal::add);
			if (sum.compareTo(after.get(unit).multiply(BigDecimal.valueOf(units.size()))) != 0) {
				throw new IllegalStateException(seed + ": " + units + " do not average " + after.get(unit));
			}
		});
		known.forEach((province, given) -> {
			BigDecimal score = scores.get(province);
			if (given.score() != null && given.score().compareTo(score) != 0) {
				throw new IllegalStateException(seed + ": the score of " + province + " was not kept");
			}
			if (given.rank() != null && ScoreGenerator.rank(scores, score) != given.rank()) {
				throw new IllegalStateException(seed + ": " + province + " ranks " + ScoreGenerator.rank(scores, score)
						+ ", published " + given.rank());
			}
		});
		scores.forEach((province, score) -> {
			if (score.signum() < 0 || score.compareTo(max) > 0) {
				throw new IllegalStateException(
						seed + ": score " + score + " of " + province + " is outside 0.." + max);
			}
			scores.forEach((other, same) -> {
				if (!other.equals(province) && same.compareTo(score) == 0 && (rank(known.get(province)) == null
						|| !rank(known.get(province)).equals(rank(known.get(other))))) {
					throw new IllegalStateException(
							seed + ": " + province + " and " + other + " tie at " + score + " without a published tie");
				}
			});
		});
	}

}
