package vn.egov.dashboard.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No generated value reaches a client unlabelled: the schema is read for every object
 * type with a {@code sample} field, and each one is queried through the API and its flag
 * checked against the rows it comes from. A new type with a {@code sample} field fails
 * {@link #shouldCheckEveryTypeThatCarriesASampleFlag} until a check is added here.
 */
class SampleLabelsTests extends IntegrationTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final Set<String> CHECKED = Set.of("Site", "TrafficPoint", "PageStats", "SiteStats", "Measurement",
			"Progress", "TargetSummary", "RankingEntry", "CategoryScore", "ComparedScore", "RankChange");

	@Test
	void shouldCheckEveryTypeThatCarriesASampleFlag() {
		List<Map<String, Object>> types = this.graphQl.document("{ __schema { types { name kind fields { name } } } }")
			.execute()
			.path("__schema.types")
			.entityList(MAP)
			.get();
		Set<String> flagged = new TreeSet<>();
		for (Map<String, Object> type : types) {
			List<?> fields = (List<?>) type.get("fields");
			if (fields != null && fields.stream().anyMatch((f) -> "sample".equals(((Map<?, ?>) f).get("name")))) {
				flagged.add((String) type.get("name"));
			}
		}
		assertThat(flagged).isEqualTo(new TreeSet<>(CHECKED));
	}

	@Test
	void shouldLabelSitesAsStored() {
		Map<String, Boolean> stored = booleans("SELECT code AS k, sample AS v FROM site");
		List<Map<String, Object>> sites = this.graphQl.document("{ sites { code sample } }")
			.execute()
			.path("sites")
			.entityList(MAP)
			.get();
		assertThat(sites).hasSize(stored.size())
			.allSatisfy((site) -> assertThat(site.get("sample")).isEqualTo(stored.get(site.get("code"))));
		assertThat(stored).containsEntry("CDSQG", false).containsEntry("HANOI", true).containsEntry("DANANG", true);
	}

	@Test
	void shouldLabelEveryTrafficBucketEmptyOrNotByTheSitesData() {
		int emptySample = 0;
		for (String site : List.of("CDSQG", "HANOI", "DANANG")) {
			emptySample += checkTraffic(site, "DAY", "2024-11-15T00:00:00+07:00", "2025-11-25T00:00:00+07:00",
					Duration.ofDays(1));
			emptySample += checkTraffic(site, "HOUR", "2025-11-19T00:00:00+07:00", "2025-11-22T00:00:00+07:00",
					Duration.ofHours(1));
		}
		// A Tết night: the generator wrote no row for most quiet minutes.
		emptySample += checkTraffic("CDSQG", "MINUTE", "2025-01-25T02:00:00+07:00", "2025-01-25T04:00:00+07:00",
				Duration.ofMinutes(1));
		assertThat(emptySample).isGreaterThan(10);
	}

	/**
	 * Every point of a series against the stored bucket, or, where none is stored, the
	 * site's period of generated traffic; the number of empty buckets labelled sample.
	 */
	private int checkTraffic(String site, String granularity, String from, String to, Duration length) {
		List<Map<String, Object>> points = this.graphQl
			.document("{ traffic(siteCode: \"" + site + "\", from: \"" + from + "\", to: \"" + to + "\", granularity: "
					+ granularity + ") { start views sample } }")
			.execute()
			.path("traffic")
			.entityList(MAP)
			.get();
		Map<Instant, Boolean> stored = new HashMap<>();
		this.db
			.sql("""
					SELECT bucket_start, sample FROM traffic_bucket
					 WHERE site_code = :site AND granularity = :granularity AND bucket_start >= :from AND bucket_start < :to""")
			.bind("site", site)
			.bind("granularity", granularity)
			.bind("from", OffsetDateTime.parse(from))
			.bind("to", OffsetDateTime.parse(to))
			.map((row) -> Map.entry(row.get("bucket_start", OffsetDateTime.class).toInstant(),
					row.get("sample", Boolean.class)))
			.all()
			.doOnNext((e) -> stored.put(e.getKey(), e.getValue()))
			.blockLast();
		Map<String, Object> period = this.db.sql("SELECT sample_from, sample_until FROM site WHERE code = :site")
			.bind("site", site)
			.fetch()
			.one()
			.block();
		Instant sampleFrom = ((OffsetDateTime) period.get("sample_from")).toInstant();
		Instant sampleUntil = ((OffsetDateTime) period.get("sample_until")).toInstant();
		int emptySample = 0;
		assertThat(points).isNotEmpty();
		for (Map<String, Object> point : points) {
			Instant start = OffsetDateTime.parse((String) point.get("start")).toInstant();
			Boolean expected = stored.get(start);
			if (expected == null) {
				assertThat(point.get("views")).isEqualTo(0);
				expected = start.isBefore(sampleUntil) && start.plus(length).isAfter(sampleFrom);
				emptySample += expected ? 1 : 0;
			}
			assertThat(point.get("sample")).as(site + " " + granularity + " " + start).isEqualTo(expected);
		}
		return emptySample;
	}

	@Test
	void shouldLabelPagesWhoseViewsIncludeGeneratedOnes() {
		List<Map<String, Object>> pages = this.db
			.sql("""
					SELECT p.site_code, p.path, EXISTS (SELECT 1 FROM page_day d WHERE d.page_id = p.id AND d.sample) AS sample
					  FROM page p ORDER BY p.id""")
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(pages).hasSizeGreaterThan(20);
		int generated = 0;
		for (Map<String, Object> page : pages) {
			Map<String, Object> found = this.graphQl
				.document("{ page(siteCode: \"" + page.get("site_code") + "\", path: \"" + page.get("path")
						+ "\") { views sample } }")
				.execute()
				.path("page")
				.entity(MAP)
				.get();
			assertThat(found.get("sample")).as(page.toString()).isEqualTo(page.get("sample"));
			generated += Boolean.TRUE.equals(page.get("sample")) ? 1 : 0;
		}
		assertThat(generated).isBetween(1, pages.size() - 1);
		for (String site : List.of("CDSQG", "HANOI", "DANANG")) {
			Map<String, Boolean> expected = booleans("""
					SELECT p.path AS k, bool_or(d.sample) AS v FROM page_day d JOIN page p ON p.id = d.page_id
					 WHERE d.site_code = '%s' AND d.day BETWEEN '2025-01-01' AND '2025-03-31' GROUP BY p.path"""
				.formatted(site));
			List<Map<String, Object>> top = this.graphQl
				.document("{ topPages(siteCode: \"" + site
						+ "\", from: \"2025-01-01\", to: \"2025-03-31\", first: 100) { path sample } }")
				.execute()
				.path("topPages")
				.entityList(MAP)
				.get();
			assertThat(top).hasSize(expected.size())
				.allSatisfy((p) -> assertThat(p.get("sample")).isEqualTo(expected.get(p.get("path"))));
		}
	}

	@Test
	void shouldLabelCountersThatGeneratedTrafficMadeOrShaped() {
		List<Map<String, Object>> sites = this.db.sql("SELECT code, sample, sample_until FROM site")
			.fetch()
			.all()
			.collectList()
			.block();
		for (Map<String, Object> site : sites) {
			// Other tests add sites without generated traffic.
			Instant until = (site.get("sample_until") != null) ? ((OffsetDateTime) site.get("sample_until")).toInstant()
					: Instant.MIN;
			for (String asOf : List.of("2025-06-01T00:00:00+07:00", "2025-11-20T09:59:00+07:00",
					"2025-11-20T10:00:00+07:00", "2026-06-01T00:00:00+07:00")) {
				Map<String, Object> stats = this.graphQl
					.document("{ siteStats(siteCode: \"" + site.get("code") + "\", asOf: \"" + asOf
							+ "\") { totalVisits sample } }")
					.execute()
					.path("siteStats")
					.entity(MAP)
					.get();
				boolean expected = Boolean.TRUE.equals(site.get("sample"))
						|| OffsetDateTime.parse(asOf).toInstant().isBefore(until);
				assertThat(stats.get("sample")).as(site.get("code") + " " + asOf).isEqualTo(expected);
			}
		}
		// The seed portal's counter after its last generated minute: the published
		// 20,102,841 plus real hits.
		assertThat(this.graphQl
			.document("{ siteStats(siteCode: \"CDSQG\", asOf: \"2025-11-20T10:00:00+07:00\") { totalVisits sample } }")
			.execute()
			.path("siteStats")
			.entity(MAP)
			.get()).isEqualTo(Map.of("totalVisits", 20102841, "sample", false));
	}

	@Test
	void shouldLabelMeasurementsAsStored() {
		List<String> indicators = this.db.sql("SELECT DISTINCT indicator_code FROM measurement ORDER BY 1")
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		Map<String, Boolean> stored = booleans("SELECT id::text AS k, sample AS v FROM measurement");
		int seen = 0;
		int samples = 0;
		for (String indicator : indicators) {
			String after = null;
			do {
				Map<String, Object> page = this.graphQl
					.document("query($after: String) { measurements(indicatorCode: \"" + indicator
							+ "\", includeCorrected: true, first: 100, after: $after) "
							+ "{ pageInfo { hasNextPage endCursor } edges { node { id sample } } } }")
					.variable("after", after)
					.execute()
					.path("measurements")
					.entity(MAP)
					.get();
				for (Object edge : (List<?>) page.get("edges")) {
					Map<?, ?> node = (Map<?, ?>) ((Map<?, ?>) edge).get("node");
					assertThat(node.get("sample")).as(indicator + " " + node.get("id"))
						.isEqualTo(stored.get(node.get("id")));
					seen++;
					samples += Boolean.TRUE.equals(node.get("sample")) ? 1 : 0;
				}
				Map<?, ?> info = (Map<?, ?>) page.get("pageInfo");
				after = Boolean.TRUE.equals(info.get("hasNextPage")) ? (String) info.get("endCursor") : null;
			}
			while (after != null);
		}
		assertThat(seen).isEqualTo(stored.size());
		assertThat(samples).isBetween(1, seen - 54);
	}

	@Test
	void shouldLabelProgressAndSummariesComputedFromSampleValues() {
		String asOf = "2026-12-06";
		// Whether each indicator × agency series up to asOf holds a sample value (for a
		// RANK_PLACES target with a baseline, only the values after it count; none of
		// those series is generated).
		Map<String, Boolean> series = booleans("""
				SELECT indicator_code || '/' || agency_code AS k, bool_or(sample) AS v FROM measurement
				 WHERE NOT replaced AND period <= '%s' GROUP BY 1""".formatted(asOf));
		List<Map<String, Object>> targets = this.graphQl
			.document("{ targets { code indicator { code } progress(asOf: \"" + asOf
					+ "\") { agency { code } sample } summary(asOf: \"" + asOf + "\") { sample } national(asOf: \""
					+ asOf + "\") { agency { code } sample } } }")
			.execute()
			.path("targets")
			.entityList(MAP)
			.get();
		int sampleRows = 0;
		int rows = 0;
		for (Map<String, Object> target : targets) {
			String indicator = (String) ((Map<?, ?>) target.get("indicator")).get("code");
			boolean any = false;
			List<Object> progress = new ArrayList<>((List<?>) target.get("progress"));
			if (target.get("national") != null) {
				progress.add(target.get("national"));
			}
			for (Object item : progress) {
				Map<?, ?> row = (Map<?, ?>) item;
				String agency = (String) ((Map<?, ?>) row.get("agency")).get("code");
				boolean expected = Boolean.TRUE.equals(series.get(indicator + "/" + agency));
				assertThat(row.get("sample")).as(target.get("code") + " " + agency).isEqualTo(expected);
				any |= expected;
				rows++;
				sampleRows += expected ? 1 : 0;
			}
			assertThat(((Map<?, ?>) target.get("summary")).get("sample")).as((String) target.get("code"))
				.isEqualTo(any);
		}
		assertThat(sampleRows).isBetween(1, rows - 1);
	}

	@Test
	void shouldLabelRankingEntriesAsStored() {
		List<Map<String, Object>> parts = this.db
			.sql("""
					SELECT DISTINCT r.framework, r.year, s.block FROM assessment_score s JOIN assessment_round r ON r.id = s.round_id
					 WHERE r.year <= 2024 ORDER BY 1, 2, 3""")
			.fetch()
			.all()
			.collectList()
			.block();
		int samples = 0;
		for (Map<String, Object> part : parts) {
			Map<String, Boolean> stored = booleans("""
					SELECT agency_code AS k, sample AS v FROM assessment_ranked
					 WHERE framework = '%s' AND year = %s AND block = '%s' AND category_code = 'TOTAL'"""
				.formatted(part.get("framework"), part.get("year"), part.get("block")));
			List<Map<String, Object>> nodes = this.graphQl
				.document("{ ranking(framework: " + part.get("framework") + ", year: " + part.get("year") + ", block: "
						+ part.get("block") + ", first: 100) { edges { node { agency { code } sample } } } }")
				.execute()
				.path("ranking.edges[*].node")
				.entityList(MAP)
				.get();
			assertThat(nodes).hasSize(stored.size());
			for (Map<String, Object> node : nodes) {
				String agency = (String) ((Map<?, ?>) node.get("agency")).get("code");
				assertThat(node.get("sample")).as(part + " " + agency).isEqualTo(stored.get(agency));
				samples += Boolean.TRUE.equals(node.get("sample")) ? 1 : 0;
			}
		}
		assertThat(samples).isGreaterThan(1000);
	}

	@Test
	void shouldLabelRankChangesAsStoredOnBothSides() {
		Map<String, Boolean> now = booleans("""
				SELECT agency_code AS k, sample AS v FROM assessment_ranked
				 WHERE framework = 'DTI' AND year = 2023 AND block = 'PROVINCES' AND category_code = 'TOTAL'""");
		Map<String, Boolean> before = booleans("""
				SELECT agency_code AS k, sample AS v FROM assessment_ranked
				 WHERE framework = 'DTI' AND year = 2022 AND block = 'PROVINCES' AND category_code = 'TOTAL'""");
		String query = "{ rankChanges(framework: DTI, fromYear: 2022, toYear: 2023, block: PROVINCES, "
				+ "publishedOnly: %s) " + "{ agency { code } sample fromSample fromRank } }";
		List<Map<String, Object>> all = this.graphQl.document(query.formatted(false))
			.execute()
			.path("rankChanges")
			.entityList(MAP)
			.get();
		assertThat(all).hasSize(63);
		for (Map<String, Object> node : all) {
			String agency = (String) ((Map<?, ?>) node.get("agency")).get("code");
			assertThat(node.get("sample")).as(agency).isEqualTo(now.get(agency));
			assertThat(node.get("fromSample")).as(agency).isEqualTo(before.get(agency));
		}
		List<Map<String, Object>> published = this.graphQl.document(query.formatted(true))
			.execute()
			.path("rankChanges")
			.entityList(MAP)
			.get();
		assertThat(published).hasSize((int) now.values().stream().filter((sample) -> !sample).count())
			.allSatisfy((node) -> assertThat(node.get("sample")).isEqualTo(false))
			.allSatisfy((node) -> assertThat(node.get("fromSample")).isNotEqualTo(true));
		assertThat(published).filteredOn((node) -> node.get("fromRank") != null).isNotEmpty();
	}

	@Test
	void shouldLabelAgenciesScoresAndComparisonsAsStored() {
		Map<String, Boolean> stored = booleans(
				"""
						SELECT r.framework || '/' || r.year || '/' || s.block || '/' || s.category_code || '/' || s.agency_code AS k,
						       s.sample AS v
						  FROM assessment_score s JOIN assessment_round r ON r.id = s.round_id""");
		int scores = 0;
		for (String agency : List.of("P48", "P01", "P25-2025", "BTC", "VN")) {
			List<Map<String, Object>> rounds = this.graphQl
				.document("{ agencyScores(agencyCode: \"" + agency
						+ "\") { framework year block agency { code } scores { category { code } sample } } }")
				.execute()
				.path("agencyScores")
				.entityList(MAP)
				.get();
			for (Map<String, Object> round : rounds) {
				String prefix = round.get("framework") + "/" + round.get("year") + "/" + round.get("block") + "/";
				String owner = (String) ((Map<?, ?>) round.get("agency")).get("code");
				for (Object item : (List<?>) round.get("scores")) {
					Map<?, ?> score = (Map<?, ?>) item;
					String key = prefix + ((Map<?, ?>) score.get("category")).get("code") + "/" + owner;
					assertThat(score.get("sample")).as(key).isEqualTo(stored.get(key));
					scores++;
				}
			}
		}
		assertThat(scores).isGreaterThan(100);
		List<?> rows = (List<?>) this.graphQl.document(
				"{ compareAgencies(agencyCodes: [\"P48\", \"P79\", \"P01\"], framework: DTI, toYear: 2024) { years rows { agency { code } cells { year block sample } } } }")
			.execute()
			.path("compareAgencies")
			.entity(MAP)
			.get()
			.get("rows");
		int cells = 0;
		for (Object item : rows) {
			Map<?, ?> row = (Map<?, ?>) item;
			String agency = (String) ((Map<?, ?>) row.get("agency")).get("code");
			for (Object cell : (List<?>) row.get("cells")) {
				if (cell != null) {
					Map<?, ?> c = (Map<?, ?>) cell;
					String key = "DTI/" + c.get("year") + "/" + c.get("block") + "/TOTAL/" + agency;
					assertThat(c.get("sample")).as(key).isEqualTo(stored.get(key));
					cells++;
				}
			}
		}
		assertThat(cells).isEqualTo(15);
	}

	/**
	 * A query's rows as key → boolean; the query names its columns {@code k} and
	 * {@code v}.
	 */
	private Map<String, Boolean> booleans(String sql) {
		Map<String, Boolean> result = new LinkedHashMap<>();
		this.db.sql(sql)
			.map((row) -> Map.entry(row.get("k", String.class), nonNull(row.get("v", Boolean.class))))
			.all()
			.doOnNext((e) -> result.put(e.getKey(), e.getValue()))
			.blockLast();
		return result;
	}

	private static boolean nonNull(@Nullable Boolean value) {
		return Boolean.TRUE.equals(value);
	}

}
