package vn.egov.dashboard.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Completes one ranking table (a block × category of a round) for the demo data: every
 * published score is kept exactly, and the generated scores are chosen so that ranking
 * all of them with {@code RANK()} gives every published rank back, ties included. Scores
 * nobody published follow a smooth curve through the published ones, with some seeded
 * jitter, so the same input always gives the same table.
 *
 * <p>
 * How: published ranks fix positions (a tie of k agencies at rank r fills positions
 * r..r+k-1); agencies with a published score but no rank go to the free positions where
 * their score fits between the published scores around it, nearest to where the curve
 * expects it (several equal such scores form a tie); the rest fill the remaining
 * positions in order of {@code strength}. Unknown scores are then interpolated between
 * the known ones, strictly decreasing, so no tie appears that was not published.
 */
final class ScoreGenerator {

	/** Decimals of generated scores, as the published DTI figures. */
	static final int DECIMALS = 4;

	private static final BigDecimal STEP = BigDecimal.ONE.movePointLeft(DECIMALS);

	private ScoreGenerator() {
	}

	/**
	 * What the sources give for one agency: a score, a rank, or both; for a score without
	 * a rank, optionally the range of ranks it is known to lie in ("among the last
	 * three"); for a rank without a score, optionally the range of scores it is known to
	 * lie in ("about 0.589": 0.5885–0.5894).
	 */
	record Known(@Nullable BigDecimal score, @Nullable Integer rank, int lowestRank, int highestRank,
			@Nullable BigDecimal lowestScore, @Nullable BigDecimal highestScore) {

		Known(@Nullable BigDecimal score, @Nullable Integer rank) {
			this(score, rank, 1, Integer.MAX_VALUE, null, null);
		}

		boolean allows(int position) {
			return position >= this.lowestRank && position <= this.highestRank;
		}

		boolean hasScoreRange() {
			return this.lowestScore != null && this.highestScore != null;
		}

	}

	/** A run of agencies sharing one score at one rank (a single agency unless tied). */
	private static final class Slot {

		final int position;

		final List<String> agencies;

		@Nullable BigDecimal score;

		boolean known;

		Slot(int position, List<String> agencies, @Nullable BigDecimal score) {
			this.position = position;
			this.agencies = agencies;
			this.score = score;
			this.known = score != null;
		}

	}

	/**
	 * A score for every member.
	 * @param members every agency of the block
	 * @param published what the sources give, by agency; every key must be a member
	 * @param strength orders the agencies with nothing published (higher ranks higher)
	 * @param max the category's maximum score
	 * @param level the expected top score when nothing is published, or null for a seeded
	 * one
	 * @param seed makes the jitter (and, with no published score, the level) repeatable
	 * @throws IllegalStateException if the published figures contradict each other
	 */
	static Map<String, BigDecimal> fill(List<String> members, Map<String, Known> published,
			Map<String, Double> strength, BigDecimal max, @Nullable Double level, String seed) {
		return fill(members, published, strength, max, level, (Map<String, Double>) null, seed);
	}

	/**
	 * As {@link #fill(List, Map, Map, BigDecimal, Double, String)}, but each unpublished
	 * score as close to {@code expected} (by agency) as the published ones around it
	 * allow, instead of on a line through them. The unpublished agencies are placed in
	 * the order of {@code expected}.
	 */
	static Map<String, BigDecimal> fill(List<String> members, Map<String, Known> published,
			Map<String, Double> expected, BigDecimal max, String seed) {
		return fill(members, published, expected, max, null, expected, seed);
	}

	private static Map<String, BigDecimal> fill(List<String> members, Map<String, Known> published,
			Map<String, Double> strength, BigDecimal max, @Nullable Double level,
			@Nullable Map<String, Double> expected, String seed) {
		int n = members.size();
		SplittableRandom random = new SplittableRandom(seed(seed));
		for (String agency : published.keySet()) {
			if (!members.contains(agency)) {
				throw new IllegalStateException(seed + ": " + agency + " is published but not a member of the block");
			}
		}
		Slot[] at = new Slot[n + 1];
		boolean[] taken = new boolean[n + 1];
		placeRanked(published, at, taken, n, seed);
		List<Integer> free = new ArrayList<>();
		for (int p = 1; p <= n; p++) {
			if (!taken[p]) {
				free.add(p);
			}
		}
		double slope = 0.40 * max.doubleValue() / Math.max(n, 8);
		Levels levels = new Levels(slope, max, level);
		placeScoredWithoutRank(published, at, taken, free, n, levels, random, seed);
		List<String> rest = members.stream()
			.filter((a) -> !published.containsKey(a))
			.sorted(Comparator.comparingDouble((String a) -> -strength.getOrDefault(a, 0.0)).thenComparing((a) -> a))
			.toList();
		int next = 0;
		for (int p = 1; p <= n; p++) {
			if (!taken[p]) {
				if (next >= rest.size()) {
					throw new IllegalStateException(seed + ": position " + p + " has no agency left to take it");
				}
				at[p] = new Slot(p, List.of(rest.get(next++)), null);
				taken[p] = true;
			}
		}
		List<Slot> slots = new ArrayList<>();
		for (int p = 1; p <= n; p++) {
			if (at[p] != null) {
				slots.add(at[p]);
			}
		}
		applyScoreRanges(slots, published, seed);
		if (expected != null) {
			fit(slots, expected, max, seed);
		}
		else {
			interpolate(slots, n, levels, random, seed);
		}
		Map<String, BigDecimal> scores = new LinkedHashMap<>();
		for (Slot slot : slots) {
			for (String agency : slot.agencies) {
				scores.put(agency, slot.score);
			}
		}
		verify(scores, published, max, seed);
		return scores;
	}

	/** Published ranks: a tie of k agencies at rank r takes positions r..r+k-1. */
	private static void placeRanked(Map<String, Known> published, Slot[] at, boolean[] taken, int n, String seed) {
		TreeMap<Integer, List<String>> byRank = new TreeMap<>();
		published.forEach((agency, known) -> {
			if (known.rank() != null) {
				byRank.computeIfAbsent(known.rank(), (r) -> new ArrayList<>()).add(agency);
			}
		});
		BigDecimal above = null;
		for (Map.Entry<Integer, List<String>> group : byRank.entrySet()) {
			int rank = group.getKey();
			List<String> agencies = group.getValue().stream().sorted().toList();
			if (rank < 1 || rank + agencies.size() - 1 > n) {
				throw new IllegalStateException(
						seed + ": rank " + rank + " of " + agencies + " does not fit a block of " + n);
			}
			BigDecimal score = null;
			for (int p = rank; p < rank + agencies.size(); p++) {
				if (taken[p]) {
					throw new IllegalStateException(
							seed + ": rank " + rank + " of " + agencies + " overlaps another rank");
				}
				taken[p] = true;
			}
			for (String agency : agencies) {
				BigDecimal given = published.get(agency).score();
				if (given != null && score != null && given.compareTo(score) != 0) {
					throw new IllegalStateException(seed + ": tied agencies " + agencies + " have different scores");
				}
				score = (given != null) ? given : score;
			}
			if (score != null && above != null && score.compareTo(above) >= 0) {
				throw new IllegalStateException(seed + ": score of rank " + rank + " is not below the scores above it");
			}
			above = (score != null) ? score : above;
			at[rank] = new Slot(rank, agencies, score);
		}
	}

	/**
	 * Gives the slots whose agencies' score is known to lie in a range a score in it: a
	 * run of such slots one after the other shares out its range evenly, best first
	 * (TP.HCM and Hà Nội, "lần lượt" after Đà Nẵng, "cùng khoảng 0.589": 0.5892 and
	 * 0.5887). The scores then anchor the interpolation like published ones.
	 */
	private static void applyScoreRanges(List<Slot> slots, Map<String, Known> published, String seed) {
		int i = 0;
		while (i < slots.size()) {
			if (range(slots.get(i), published) == null) {
				i++;
				continue;
			}
			int end = i;
			while (end < slots.size() && range(slots.get(end), published) != null) {
				end++;
			}
			int m = end - i;
			BigDecimal above = null;
			for (int k = 0; k < m; k++) {
				Slot slot = slots.get(i + k);
				Known range = range(slot, published);
				BigDecimal span = range.highestScore().subtract(range.lowestScore());
				BigDecimal score = range.highestScore()
					.subtract(span.multiply(BigDecimal.valueOf(k + 0.5))
						.divide(BigDecimal.valueOf(m), DECIMALS, RoundingMode.HALF_UP));
				if (above != null && score.compareTo(above) >= 0) {
					score = above.subtract(STEP);
				}
				if (score.compareTo(range.lowestScore()) < 0) {
					throw new IllegalStateException(seed + ": no room in the score range of " + slot.agencies);
				}
				slot.score = score;
				slot.known = true;
				above = score;
			}
			i = end;
		}
	}

	/**
	 * Gives every slot without a score its agency's expected score, kept strictly between
	 * the scores above and below it (4 decimals). Where the published ranks order the
	 * agencies otherwise than their expected scores, the run takes the closest decreasing
	 * scores instead (least squares: pool adjacent violators), one step apart within a
	 * pool.
	 */
	private static void fit(List<Slot> slots, Map<String, Double> expected, BigDecimal max, String seed) {
		int i = 0;
		while (i < slots.size()) {
			if (slots.get(i).score != null) {
				i++;
				continue;
			}
			int end = i;
			while (end < slots.size() && slots.get(end).score == null) {
				end++;
			}
			int m = end - i;
			BigDecimal high = (i > 0) ? slots.get(i - 1).score.subtract(STEP) : max;
			BigDecimal low = (end < slots.size()) ? slots.get(end).score.add(STEP) : BigDecimal.ZERO;
			if (high.subtract(low).compareTo(STEP.multiply(BigDecimal.valueOf(m - 1))) < 0) {
				throw new IllegalStateException(
						seed + ": no room for " + m + " scores between " + low + " and " + high);
			}
			double[] wanted = new double[m];
			for (int k = 0; k < m; k++) {
				wanted[k] = expected.getOrDefault(slots.get(i + k).agencies.get(0), 0.0);
			}
			double[] decreasing = decreasing(wanted);
			BigDecimal above = null;
			for (int k = 0; k < m; k++) {
				Slot slot = slots.get(i + k);
				BigDecimal score = round(decreasing[k]).max(low.add(STEP.multiply(BigDecimal.valueOf(m - 1 - k))))
					.min(high.subtract(STEP.multiply(BigDecimal.valueOf(k))));
				if (above != null && score.compareTo(above) >= 0) {
					score = above.subtract(STEP);
				}
				slot.score = score;
				above = score;
			}
			i = end;
		}
	}

	/**
	 * The non-increasing sequence closest to {@code values} (least squares), each pool of
	 * equal values then spread one step apart around its mean.
	 */
	static double[] decreasing(double[] values) {
		int m = values.length;
		double[] sums = new double[m];
		int[] sizes = new int[m];
		int pools = 0;
		for (double value : values) {
			sums[pools] = value;
			sizes[pools] = 1;
			pools++;
			while (pools > 1 && sums[pools - 2] / sizes[pools - 2] < sums[pools - 1] / sizes[pools - 1]) {
				sums[pools - 2] += sums[pools - 1];
				sizes[pools - 2] += sizes[pools - 1];
				pools--;
			}
		}
		double[] result = new double[m];
		int k = 0;
		double step = STEP.doubleValue();
		for (int pool = 0; pool < pools; pool++) {
			double mean = sums[pool] / sizes[pool];
			for (int j = 0; j < sizes[pool]; j++) {
				result[k++] = mean + ((sizes[pool] - 1) / 2.0 - j) * step;
			}
		}
		return result;
	}

	/** The score range known for a slot without a score, or null. */
	private static @Nullable Known range(Slot slot, Map<String, Known> published) {
		if (slot.score != null) {
			return null;
		}
		for (String agency : slot.agencies) {
			Known known = published.get(agency);
			if (known != null && known.hasScoreRange()) {
				return known;
			}
		}
		return null;
	}

	/**
	 * Agencies with a published score and no rank: each group of equal scores goes to
	 * consecutive free positions where it fits between the known scores, the whole
	 * placement as close to the expected curve as possible.
	 */
	private static void placeScoredWithoutRank(Map<String, Known> published, Slot[] at, boolean[] taken,
			List<Integer> free, int n, Levels levels, SplittableRandom random, String seed) {
		TreeMap<BigDecimal, List<String>> byScore = new TreeMap<>(Comparator.reverseOrder());
		published.forEach((agency, known) -> {
			if (known.rank() == null && known.score() != null) {
				byScore.computeIfAbsent(known.score(), (s) -> new ArrayList<>()).add(agency);
			}
		});
		if (byScore.isEmpty()) {
			return;
		}
		List<Map.Entry<BigDecimal, List<String>>> groups = new ArrayList<>(byScore.entrySet());
		List<Slot> known = new ArrayList<>();
		for (Slot slot : at) {
			if (slot != null && slot.known) {
				known.add(slot);
			}
		}
		double[] expected = curve(known, byScore.keySet(), n, levels, random);
		Map<Long, Double> memo = new HashMap<>();
		int[] choice = new int[groups.size()];
		double best = place(groups, 0, 0, free, known, expected, memo, published);
		if (best == Double.POSITIVE_INFINITY) {
			throw new IllegalStateException(seed + ": published scores without rank " + byScore.keySet()
					+ " cannot be placed between the ranked ones");
		}
		int j = 0;
		for (int i = 0; i < groups.size(); i++) {
			int size = groups.get(i).getValue().size();
			while (place(groups, i, j, free, known, expected, memo, published) != cost(groups, i, j, free, known,
					expected, published) + place(groups, i + 1, j + size, free, known, expected, memo, published)) {
				j++;
			}
			choice[i] = j;
			j += size;
		}
		for (int i = 0; i < groups.size(); i++) {
			int position = free.get(choice[i]);
			List<String> agencies = groups.get(i).getValue().stream().sorted().toList();
			for (int k = 0; k < agencies.size(); k++) {
				taken[position + k] = true;
			}
			at[position] = new Slot(position, agencies, groups.get(i).getKey());
		}
	}

	/**
	 * The least total distance from the curve for groups i.. placed from free index j on;
	 * infinite if impossible.
	 */
	private static double place(List<Map.Entry<BigDecimal, List<String>>> groups, int i, int j, List<Integer> free,
			List<Slot> known, double[] expected, Map<Long, Double> memo, Map<String, Known> published) {
		if (i == groups.size()) {
			return 0;
		}
		if (j >= free.size()) {
			return Double.POSITIVE_INFINITY;
		}
		long key = ((long) i << 32) | j;
		Double cached = memo.get(key);
		if (cached != null) {
			return cached;
		}
		double here = cost(groups, i, j, free, known, expected, published);
		if (here != Double.POSITIVE_INFINITY) {
			here += place(groups, i + 1, j + groups.get(i).getValue().size(), free, known, expected, memo, published);
		}
		double result = Math.min(here, place(groups, i, j + 1, free, known, expected, memo, published));
		memo.put(key, result);
		return result;
	}

	/**
	 * Distance from the curve of group i at free index j, or infinite where it cannot go.
	 */
	private static double cost(List<Map.Entry<BigDecimal, List<String>>> groups, int i, int j, List<Integer> free,
			List<Slot> known, double[] expected, Map<String, Known> published) {
		int size = groups.get(i).getValue().size();
		if (j + size > free.size() || free.get(j + size - 1) - free.get(j) != size - 1) {
			return Double.POSITIVE_INFINITY;
		}
		int first = free.get(j);
		int last = first + size - 1;
		for (String agency : groups.get(i).getValue()) {
			if (!published.get(agency).allows(first)) {
				return Double.POSITIVE_INFINITY;
			}
		}
		BigDecimal score = groups.get(i).getKey();
		for (Slot slot : known) {
			if ((slot.position < first && slot.score.compareTo(score) <= 0)
					|| (slot.position > last && slot.score.compareTo(score) >= 0)) {
				return Double.POSITIVE_INFINITY;
			}
		}
		return Math.abs(expected[first] - score.doubleValue());
	}

	/**
	 * Expected score at each position: linear between the known scores; above the first
	 * and below the last known one it continues with their average slope (kept within
	 * reason), within 0 and the maximum.
	 */
	private static double[] curve(List<Slot> known, Collection<BigDecimal> unranked, int n, Levels levels,
			SplittableRandom random) {
		TreeMap<Integer, Double> anchors = anchors(known, unranked, n, levels, random);
		double[] expected = new double[n + 1];
		for (int p = 1; p <= n; p++) {
			Map.Entry<Integer, Double> low = anchors.floorEntry(p);
			Map.Entry<Integer, Double> high = anchors.ceilingEntry(p);
			if (low == null || high == null || low.getKey().equals(high.getKey())) {
				expected[p] = (low != null) ? low.getValue() : high.getValue();
			}
			else {
				double t = (double) (p - low.getKey()) / (high.getKey() - low.getKey());
				expected[p] = low.getValue() + t * (high.getValue() - low.getValue());
			}
		}
		return expected;
	}

	/**
	 * The known scores by position, plus made-up ends at positions 1 and n where those
	 * are unknown. With no known position, the ends bracket the published scores without
	 * rank if there are any (published figures are mostly of leading agencies), else
	 * start from the level.
	 */
	private static TreeMap<Integer, Double> anchors(List<Slot> known, Collection<BigDecimal> unranked, int n,
			Levels levels, SplittableRandom random) {
		TreeMap<Integer, Double> anchors = new TreeMap<>();
		for (Slot slot : known) {
			anchors.put(slot.position, slot.score.doubleValue());
		}
		double top = levels.max().doubleValue();
		double slope = levels.slope();
		if (anchors.isEmpty() && !unranked.isEmpty()) {
			double highest = unranked.stream().mapToDouble(BigDecimal::doubleValue).max().orElse(top);
			double lowest = unranked.stream().mapToDouble(BigDecimal::doubleValue).min().orElse(0);
			anchors.put(1, Math.min(top, highest + 0.03 * top));
			anchors.put(n, Math.max(0.05 * top, Math.min(lowest * 0.5, highest - slope * (n - 1))));
			return anchors;
		}
		if (anchors.isEmpty()) {
			double level = (levels.level() != null) ? levels.level() : top * (0.62 + 0.2 * random.nextDouble());
			anchors.put(1, level);
			anchors.put(n, level - slope * (n - 1));
			return anchors;
		}
		double used = slope;
		if (anchors.size() >= 2 && anchors.lastKey() > anchors.firstKey()) {
			double observed = (anchors.firstEntry().getValue() - anchors.lastEntry().getValue())
					/ (anchors.lastKey() - anchors.firstKey());
			used = Math.max(0.25 * slope, Math.min(2 * slope, observed));
		}
		if (anchors.firstKey() > 1) {
			double first = anchors.firstEntry().getValue();
			anchors.put(1, Math.min(top, first + used * (anchors.firstKey() - 1)));
		}
		if (anchors.lastKey() < n) {
			double last = anchors.lastEntry().getValue();
			anchors.put(n, Math.max(last * 0.25, last - used * (n - anchors.lastKey())));
		}
		return anchors;
	}

	/** Gives every unknown slot a score strictly between its neighbours' (4 decimals). */
	private static void interpolate(List<Slot> slots, int n, Levels levels, SplittableRandom random, String seed) {
		BigDecimal max = levels.max();
		List<Slot> known = slots.stream().filter((s) -> s.known).toList();
		TreeMap<Integer, Double> anchors = anchors(known, List.of(), n, levels, random);
		for (Slot slot : slots) {
			if (!slot.known && anchors.containsKey(slot.position)) {
				slot.score = round(anchors.get(slot.position));
			}
		}
		for (Slot slot : slots) {
			if (slot.score != null) {
				continue;
			}
			Map.Entry<Integer, Double> low = anchors.floorEntry(slot.position);
			Map.Entry<Integer, Double> high = anchors.ceilingEntry(slot.position);
			double jitter = (random.nextDouble() - 0.5) * 0.6;
			double t = (slot.position - low.getKey() + jitter) / (high.getKey() - low.getKey());
			slot.score = round(low.getValue() + t * (high.getValue() - low.getValue()));
		}
		// Rounding may bring neighbours together: keep generated scores strictly below
		// the one above.
		for (int i = 1; i < slots.size(); i++) {
			Slot slot = slots.get(i);
			BigDecimal above = slots.get(i - 1).score;
			if (!slot.known && slot.score.compareTo(above) >= 0) {
				slot.score = above.subtract(STEP);
			}
		}
		for (int i = 0; i < slots.size(); i++) {
			Slot slot = slots.get(i);
			boolean below = i == 0 || slot.score.compareTo(slots.get(i - 1).score) < 0;
			if (!below || slot.score.signum() < 0 || slot.score.compareTo(max) > 0) {
				throw new IllegalStateException(seed + ": no room for a score at position " + slot.position
						+ " between the published ones (" + slot.score + ")");
			}
		}
	}

	/**
	 * The scale of a table: typical drop per position, maximum, and the expected top when
	 * nothing is known.
	 */
	private record Levels(double slope, BigDecimal max, @Nullable Double level) {

	}

	/**
	 * Checks that RANK() over the scores gives every published rank, and that published
	 * scores are kept.
	 */
	private static void verify(Map<String, BigDecimal> scores, Map<String, Known> published, BigDecimal max,
			String seed) {
		published.forEach((agency, known) -> {
			BigDecimal score = scores.get(agency);
			if (known.score() != null && known.score().compareTo(score) != 0) {
				throw new IllegalStateException(seed + ": published score of " + agency + " was not kept");
			}
			if (known.rank() != null && rank(scores, score) != known.rank()) {
				throw new IllegalStateException(
						seed + ": " + agency + " ranks " + rank(scores, score) + ", published " + known.rank());
			}
			if (known.hasScoreRange()
					&& (score.compareTo(known.lowestScore()) < 0 || score.compareTo(known.highestScore()) > 0)) {
				throw new IllegalStateException(seed + ": " + agency + " scores " + score + ", outside "
						+ known.lowestScore() + "–" + known.highestScore());
			}
		});
		scores.forEach((agency, score) -> {
			if (score.signum() < 0 || score.compareTo(max) > 0) {
				throw new IllegalStateException(seed + ": score " + score + " of " + agency + " is outside 0.." + max);
			}
		});
	}

	/**
	 * The rank SQL's RANK() gives {@code score}: one more than the number of higher
	 * scores.
	 */
	static int rank(Map<String, BigDecimal> scores, BigDecimal score) {
		return 1 + (int) scores.values().stream().filter((other) -> other.compareTo(score) > 0).count();
	}

	private static BigDecimal round(double value) {
		return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_UP);
	}

	/** A 64-bit seed from a text, the same on every JVM. */
	static long seed(String text) {
		return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
	}

	/** A repeatable number in [0, 1) for a text. */
	static double uniform(String text) {
		return new SplittableRandom(seed(text)).nextDouble();
	}

	/** A repeatable standard normal number for a text. */
	static double gaussian(String text) {
		SplittableRandom random = new SplittableRandom(seed(text));
		double u = Math.max(1e-12, random.nextDouble());
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
	}

}
