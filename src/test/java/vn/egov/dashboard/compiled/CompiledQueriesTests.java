package vn.egov.dashboard.compiled;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compiled query answers exactly what the same query answers field by field: each query
 * below is sent twice, compiled and with {@code "extensions": {"compiled": false}}, and
 * the two answers must be equal (numbers compared as numbers: PostgreSQL writes {@code 1}
 * where Jackson writes {@code 1.0}). The path each took is read from the
 * {@code egov.graphql.queries} counter, so a query silently falling back cannot pass as
 * compiled.
 */
class CompiledQueriesTests extends IntegrationTests {

	private static final String AGENCY_FIELDS = """
			__typename code officialCode name fullName nameEn kind region validFrom validTo note source""";

	private static final String SCORES = """
			__typename framework year block relation agency { code name }
			total { score maxScore sample publishedRank source note category { code name nameEn kind maxScore position } }
			scores { __typename category { code kind position } score maxScore sample publishedRank source note }""";

	private static final String MEASUREMENT_FIELDS = """
			__typename id period value source note sample recordedAt corrected agency { code name }
			indicator { code name unit direction } corrects { id value corrected recordedAt }""";

	private static final String TARGET_FIELDS = """
			__typename id code value valueMax comparator deadline baselineValue baselineOn scope block note
			indicator { code nameEn } agency { code name } plan { id title }""";

	private static final String PLAN_FIELDS = """
			__typename id kind title periodStart periodEnd status dueOn submittedOn approvedOn late note
			agency { code name } targets { id code value comparator indicator { code } plan { id } }""";

	private static final String REPORT_FIELDS = "__typename agency { code name } status reportedOn late note recordedAt";

	private static final String DOCUMENT_FIELDS = """
			__typename id number kind kindName issuer issuedOn title titleEn summary url""";

	private static final String POLL_FIELDS = """
			__typename id question opensAt closesAt active totalVotes importedVotes note site { code name }
			options { __typename id label votes percent importedVotes }""";

	private static final String SITE_FIELDS = """
			__typename code name nameEn baseUrl visitOffset countingFrom note sample sampleFrom sampleUntil""";

	private static final String PAGE_FIELDS = "__typename siteCode path title reportedTitle curated views note sample";

	private static final String ENTRY = """
			rank rankChange previousRank previousYear previousSample score maxScore tied blockSize publishedRank sample \
			source note agency { code name }""";

	@Autowired
	private MeterRegistry meters;

	private WebTestClient http;

	@BeforeEach
	void client() {
		// A page of agencies with all their scores is larger than the client's default
		// buffer (256 KB).
		this.http = BothPaths.client(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{ agency(code: \"P48\") { " + AGENCY_FIELDS + " } }",
			"{ agency(code: \"NO-SUCH-AGENCY\") { code } }",
			"{ agency(code: \"P17\") { today: validOn in2017: validOn(date: \"2017-01-01\") in2026: validOn(date: \"2026-01-01\") } }",
			"{ agency(code: \"P17\") { code successor { code name predecessors { code validTo } } parent { code } children { code } } }",
			"{ agency(code: \"BTTTT\") { code children { code parent { code } successor { code } } predecessors { code } } }",
			"{ agencies(first: 5) { __typename totalCount pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor } edges { __typename cursor node { "
					+ AGENCY_FIELDS + " } } } }",
			"{ agencies(first: 100, filter: {kinds: [PROVINCE], asOf: \"2017-01-01\"}) { totalCount edges { node { code name } } pageInfo { hasNextPage endCursor } } }",
			"{ agencies(filter: {kinds: [PROVINCE, MINISTRY], asOf: \"2025-12-31\"}) { totalCount edges { cursor node { code } } } }",
			"{ agencies(filter: {search: \"hoa binh\"}) { totalCount edges { node { code name nameEn } } } }",
			"{ agencies(filter: {search: \"TP.HCM\"}) { totalCount edges { node { code name } } } }",
			"{ agencies(filter: {search: \"Đắc Lắc\", kinds: [PROVINCE]}) { totalCount edges { node { code } } } }",
			"{ agencies(filter: {search: \"tt hue\"}, first: 1) { totalCount edges { node { code } } } }",
			"{ agencies(filter: {search: \"đà   nẵng\"}) { totalCount edges { node { code name } } } }",
			"{ agencies(filter: {search: \"100%_\\\\\"}) { totalCount edges { node { code } } } }",
			"{ agencies(filter: {parentCode: \"BTTTT\"}, first: 3) { totalCount edges { node { code parent { code } } } pageInfo { hasNextPage } } }",
			"{ agencies(first: 0) { totalCount edges { node { code } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
			"{ agencies(first: 2, after: \"eyJjb2RlIjoiUDQ4In0=\") { edges { cursor node { code } } pageInfo { startCursor endCursor hasNextPage } } }",
			"{ agencies(first: 100) { edges { node { code name nameEn kind region assessments(framework: DTI, year: 2024) { block scores { category { code } score sample publishedRank } } } } } }",
			// A page's rounds and scores, read for the whole page at once
			// (Field.groupedList).
			"{ agencies(first: 100) { edges { node { code assessments { " + SCORES + " } } } } }",
			"{ agencies(first: 30, after: \"eyJjb2RlIjoiUDEwIn0=\", filter: {kinds: [PROVINCE]}) { edges { node { code dti: assessments(framework: DTI) { year block scores { score } } y2022: assessments(year: 2022) { framework total { score } scores { category { code } } } } } } }",
			"{ agencies(filter: {search: \"hòa bình\"}) { edges { node { code successor { code assessments(year: 2024) { block scores { score } } } predecessors { code assessments { year scores { score } } } assessments { year scores { score } } } } } }",
			"{ agencies(first: 100) { edges { node { code assessments(year: 1990) { year scores { score } } } } } }",
			"{ agency(code: \"P48\") { code assessments { " + SCORES + " } } }",
			"{ agency(code: \"P01\") { dti: assessments(framework: DTI) { year block } ict: assessments(framework: ICT_APPLICATION) { year scores { score } } none: assessments(year: 1990) { year } } }",
			// publishedOnly: the published scores only, for one agency and for a page.
			"{ agency(code: \"P48\") { assessments(publishedOnly: true) { " + SCORES + " } } }",
			"{ agency(code: \"P01\") { all: assessments(framework: DTI, publishedOnly: false) { year block total { score } } published: assessments(framework: DTI, publishedOnly: true) { "
					+ SCORES + " } } }",
			"{ agencies(first: 100) { edges { node { code assessments(publishedOnly: true) { " + SCORES + " } } } } }",
			"{ agencies(first: 40, filter: {kinds: [PROVINCE]}) { edges { node { code assessments(year: 2024, publishedOnly: true) { block total { score publishedRank } } } } } }",
			"{ agency(code: \"P25-2025\") { assessments(year: 2024) { " + SCORES
					+ " } predecessors { code assessments(framework: DTI, year: 2024) { total { score } } } } }",
			"{ traffic(siteCode: \"HANOI\", from: \"2024-11-01T00:00:00+07:00\", to: \"2025-12-01T00:00:00+07:00\", granularity: DAY) { __typename start views memberViews visitors sample } }",
			"{ traffic(siteCode: \"HANOI\", from: \"2024-06-15T12:34:56Z\", to: \"2026-01-01T00:00:00Z\", granularity: MONTH) { start views visitors } }",
			"{ traffic(siteCode: \"DANANG\", from: \"2025-01-01T00:00:00+07:00\", to: \"2025-03-01T00:00:00+07:00\", granularity: WEEK) { start views } }",
			"{ traffic(siteCode: \"CDSQG\", from: \"2025-11-19T20:00:00+07:00\", to: \"2025-11-20T12:00:00+07:00\", granularity: HOUR) { start views memberViews } }",
			"{ traffic(siteCode: \"CDSQG\", from: \"2025-11-20T09:30:00+07:00\", to: \"2025-11-20T10:30:00+07:00\", granularity: MINUTE) { v: views start } }",
			"{ traffic(siteCode: \"HANOI\", from: \"2030-01-01T00:00:00Z\", to: \"2030-01-02T00:00:00Z\", granularity: HOUR) { start views sample } }",
			// Empty buckets are sample inside the site's period of generated traffic:
			// quiet
			// minutes of a Tết night, the days around its end, the months around it.
			"{ traffic(siteCode: \"CDSQG\", from: \"2025-01-25T02:00:00+07:00\", to: \"2025-01-25T04:00:00+07:00\", granularity: MINUTE) { start views sample } }",
			"{ traffic(siteCode: \"CDSQG\", from: \"2025-11-18T00:00:00+07:00\", to: \"2025-11-23T00:00:00+07:00\", granularity: DAY) { start views sample } }",
			"{ traffic(siteCode: \"DANANG\", from: \"2024-06-01T00:00:00+07:00\", to: \"2026-03-01T00:00:00+07:00\", granularity: MONTH) { start views sample } }",
			// Measurements, indicators and targets (progress/ProgressSqlJson); a cursor
			// {"period":"2018-12-31","id":999999}.
			"{ measurements(indicatorCode: \"E_DOC_EXCHANGE\", first: 100) { __typename totalCount pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor } edges { __typename cursor node { "
					+ MEASUREMENT_FIELDS + " } } } }",
			"{ measurements(indicatorCode: \"E_DOC_SUBMISSION\", agencyCode: \"P17\", includeCorrected: true) { totalCount edges { cursor node { id period value } } pageInfo { endCursor } } }",
			"{ measurements(indicatorCode: \"E_DOC_SUBMISSION\", first: 3, after: \"eyJwZXJpb2QiOiIyMDE4LTEyLTMxIiwiaWQiOjk5OTk5OX0=\") { totalCount edges { cursor node { period agency { code } } } pageInfo { hasNextPage startCursor endCursor } } }",
			"{ measurements(indicatorCode: \"UN_EGDI_RANK\") { totalCount edges { node { " + MEASUREMENT_FIELDS
					+ " } } } }",
			"{ measurements(indicatorCode: \"NO_SUCH\", first: 0) { totalCount edges { cursor } pageInfo { hasNextPage startCursor endCursor } } }",
			"{ indicators { __typename code name nameEn unit direction pillar description targets { " + TARGET_FIELDS
					+ " } } }",
			"{ indicator(code: \"E_DOC_EXCHANGE\") { code name targets { id deadline } } none: indicator(code: \"NO_SUCH\") { code } }",
			"{ targets { " + TARGET_FIELDS + " } }",
			"{ targets(filter: {agencyCode: \"P17\"}) { id code scope plan { " + PLAN_FIELDS + " } } }",
			"{ targets(filter: {scope: NATIONAL, indicatorCode: \"E_DOC_EXCHANGE\"}) { id value indicator { targets { id } } } block: targets(filter: {scope: BLOCK}) { id block } }",
			"{ target(id: \"1\") { " + TARGET_FIELDS + " } none: target(id: \"999999\") { id } }",
			// Plans and tasks (plan/PlanSqlJson); a cursor {"id":5}.
			"{ plans(first: 100) { __typename totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { __typename cursor node { "
					+ PLAN_FIELDS + " } } } }",
			"{ plans(filter: {agencyCode: \"P17\", year: 2017}) { totalCount edges { node { id title } } } approved: plans(filter: {kind: ANNUAL, status: APPROVED}, first: 1) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }",
			"{ plans(first: 2, after: \"eyJpZCI6NX0=\") { totalCount edges { cursor node { id } } pageInfo { hasNextPage startCursor endCursor } } }",
			"{ plan(id: \"1\") { " + PLAN_FIELDS + " } none: plan(id: \"999999\") { id } }",
			"{ task(id: \"2\") { __typename id number title dueOn reports { " + REPORT_FIELDS + " } reportHistory { "
					+ REPORT_FIELDS + " } } none: task(id: \"999999\") { id } }",
			// Legal documents and their basis graph (issue 22).
			"{ document(number: \"2055/BTTTT-THH\") { " + DOCUMENT_FIELDS + " basedOn { " + DOCUMENT_FIELDS
					+ " citedBy { number } } citedBy { number } } }",
			"{ document(number: \" 1819/QĐ-TTg \") { number citedBy { number issuedOn basedOn { number } } } }",
			"{ document(number: \"NO-SUCH-DOCUMENT\") { number } }",
			"{ documents { __typename totalCount pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor } edges { __typename cursor node { "
					+ DOCUMENT_FIELDS
					+ " basedOn { number title kind issuedOn } citedBy { number title kind issuedOn } } } } }",
			"{ documents(first: 3) { totalCount edges { cursor node { number issuedOn } } pageInfo { hasNextPage endCursor } } }",
			"{ documents(first: 4, after: \"eyJpc3N1ZWRPbiI6IjIwMTgtMDctMTIiLCJpZCI6OH0=\") { edges { cursor node { number } } pageInfo { hasNextPage startCursor endCursor } } }",
			"{ documents(first: 5, after: \"eyJpc3N1ZWRPbiI6IjAwMDEtMDEtMDEiLCJpZCI6MTl9\") { totalCount edges { cursor node { number issuedOn } } } }",
			"{ documents(kind: RESOLUTION) { totalCount edges { node { number kind kindName issuedOn } } } }",
			"{ documents(search: \"chuong trinh quoc gia\") { totalCount edges { node { number title } } } }",
			"{ documents(search: \"1819/qđ-ttg\") { totalCount edges { node { number } } } }",
			"{ documents(search: \"Quyết định 1819\") { totalCount edges { node { number } } } }",
			"{ documents(search: \"  nq 17 \", kind: RESOLUTION) { totalCount edges { node { number } } } }",
			"{ documents(search: \"100%_\\\\\") { totalCount edges { node { number } } } }",
			"{ documents(search: \"   \", first: 0) { totalCount edges { node { number } } pageInfo { hasNextPage startCursor endCursor } } }",
			"{ documents(first: 100) { edges { node { number tasks { __typename id number title dueOn reports { status agency { code } } } } } } }",
			// Polls, their options' counts and percentages, and their sites (issue 22).
			"{ poll(id: \"1\") { " + POLL_FIELDS + " } }",
			"{ poll(id: \" 2 \") { id totalVotes options { percent votes } site { code readings { readAt } } } }",
			"{ poll(id: \"99\") { id } }",
			"{ polls { __typename totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { "
					+ POLL_FIELDS + " } } } }",
			"{ polls(first: 1) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
			"{ polls(first: 5, after: \"eyJpZCI6Mn0=\") { totalCount edges { cursor node { id question } } } }",
			"{ polls(siteCode: \"HANOI\") { totalCount edges { node { id site { code } } } } }",
			"{ open: polls(active: true) { totalCount edges { node { id active } } } closed: polls(active: false) { totalCount edges { node { id active closesAt } } } }",
			"{ polls(siteCode: \"NO-SUCH\", active: false, first: 0) { totalCount edges { node { id } } pageInfo { hasNextPage startCursor } } }",
			"{ poll(id: \"2\") { votesPerDay(from: \"2025-08-30\", to: \"2025-10-02\") { __typename date votes options { __typename optionId label votes } } } }",
			"{ polls { edges { node { id a: votesPerDay(from: \"2025-09-01\", to: \"2025-09-03\") { date votes options { optionId votes } } b: votesPerDay(from: \"2024-11-19\", to: \"2024-11-21\") { votes } } } } }",
			// Sites, their readings and agencies, pages, top pages and the counter.
			"{ sites { " + SITE_FIELDS
					+ " agency { code name } readings { __typename readAt totalVisits guestsOnline membersOnline source } } }",
			"{ site(code: \"CDSQG\") { " + SITE_FIELDS + " } none: site(code: \"NO-SUCH\") { code } }",
			"{ page(siteCode: \"CDSQG\", path: \"/\") { " + PAGE_FIELDS + " } }",
			"{ page(siteCode: \"HANOI\", path: \"/dich-vu-cong\") { " + PAGE_FIELDS
					+ " } none: page(siteCode: \"HANOI\", path: \"/no-such\") { path } }",
			"{ topPages(siteCode: \"CDSQG\", from: \"2025-01-01\", to: \"2025-12-31\") { " + PAGE_FIELDS + " } }",
			"{ topPages(siteCode: \"HANOI\", from: \"2025-06-01\", to: \"2025-06-01\", first: 3) { path views sample } }",
			"{ topPages(siteCode: \"DANANG\", from: \"2020-01-01\", to: \"2020-01-31\", first: 0) { path } }",
			"{ siteStats(siteCode: \"CDSQG\") { __typename totalVisits sample site { code name } } }",
			"{ a: siteStats(siteCode: \"CDSQG\", asOf: \"2025-11-20T10:00:00+07:00\") { asOf totalVisits sample } b: siteStats(siteCode: \"HANOI\", asOf: \"2024-03-01T12:34:56.789123Z\") { asOf totalVisits sample site { sampleUntil } } c: siteStats(siteCode: \"DANANG\", asOf: \"2030-01-01T00:00:00Z\") { asOf totalVisits sample } }",

			// A block's ranking: one round x block x category partition ranked in SQL,
			// cursors of rank and code.
			"{ ranking(framework: DTI, year: 2022, block: PROVINCES, first: 100) { totalCount edges { node { rank score sample publishedRank tied blockSize agency { code } } } } }",
			"{ ranking(framework: DTI, year: 2022, block: PROVINCES, first: 5) { __typename totalCount pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor } edges { __typename cursor node { __typename "
					+ ENTRY + " } } } }",
			"{ ranking(framework: DTI, year: 2024, block: PROVINCES_POST_MERGER, category: \"chinh_quyen_so\", publishedOnly: true) { totalCount edges { cursor node { "
					+ ENTRY + " } } } }",
			"{ ranking(framework: DTI, year: 2024, block: PROVINCES, first: 3, after: \"eyJyYW5rIjozLCJhZ2VuY3kiOiJQMDEifQ==\") { edges { cursor node { rank tied agency { code } } } pageInfo { hasNextPage startCursor endCursor } } }",
			"{ ranking(framework: VIETNAM_ICT_INDEX, year: 2023, block: PROVINCES, category: \" total \") { totalCount edges { node { rank rankChange previousYear agency { code name successor { code } } } } } }",
			"{ ranking(framework: DTI, year: 2021, block: NATIONAL, category: \"\", first: 0) { totalCount pageInfo { hasNextPage startCursor } edges { cursor } } }",
			"{ ranking(framework: DTI, year: 2024, block: MINISTRIES_WITH_PUBLIC_SERVICES, first: 2) { totalCount edges { node { rank agency { code } } } } r2023: ranking(framework: DTI, year: 2023, block: PROVINCES) { totalCount } }",
			// Who improved most, and the box plots of a block.
			"{ rankChanges(framework: DTI, fromYear: 2020, toYear: 2024, block: PROVINCES) { __typename agency { code } block rank score sample blockSize fromYear fromBlock fromRank fromScore fromSample fromAgencies { code } rankChange scoreChange } }",
			"{ rankChanges(framework: DTI, fromYear: 2023, toYear: 2024, block: PROVINCES_POST_MERGER, sortBy: SCORE_CHANGE, direction: ASC, publishedOnly: true) { agency { code } rank fromRank fromScore fromSample fromAgencies { code name } rankChange scoreChange } }",
			"{ rankChanges(framework: DTI, fromYear: 2022, toYear: 2024, block: PROVINCES_POST_MERGER, category: \"CHINH_QUYEN_SO\", direction: ASC) { agency { code } rank fromRank fromAgencies { code } rankChange scoreChange } }",
			"{ rankChanges(framework: VIETNAM_ICT_INDEX, fromYear: 2016, toYear: 2023, block: MINISTRIES_AND_GOVERNMENT_AGENCIES, sortBy: SCORE_CHANGE) { agency { code } fromBlock rankChange scoreChange } }",
			"{ blockStatistics(framework: DTI, year: 2024, block: PROVINCES) { __typename category { code name maxScore position } count sampleCount mean min q1 median q3 max interquartileRange standardDeviation } }",
			"{ blockStatistics(framework: DTI, year: 2024, block: PROVINCES, category: \"\", publishedOnly: true) { category { code } count mean } }",
			"{ blockStatistics(framework: DTI, year: 2022, block: MINISTRIES_WITHOUT_PUBLIC_SERVICES, category: \"total\") { category { code } count median } }",
			// Frameworks and rounds, and an agency's rounds.
			"{ assessmentFrameworks { __typename code name nameEn publisher description blocks rounds { year } } }",
			"{ assessmentRounds { __typename framework year publishedOn note categories { code name nameEn kind maxScore position } blocks { __typename block agencyCount scoreCount sampleScoreCount publishedRankCount } scoreCount publishedScoreCount sampleScoreCount agencyCount } }",
			"{ assessmentRounds(framework: VIETNAM_ICT_INDEX) { year blocks { block agencyCount } } }",
			"{ assessmentRound(framework: DTI, year: 2022) { framework year publishedOn categories { code } blocks { block scoreCount } agencyCount } none: assessmentRound(framework: DTI, year: 1990) { year } }",
			"{ agency(code: \"P48\") { assessments(framework: DTI) { year round { framework year publishedOn scoreCount categories { code } } total { score } } } }",
			"{ agencies(first: 20, filter: {kinds: [PROVINCE]}) { edges { node { code assessments(year: 2024) { block round { year agencyCount } } } } } }",
			// A score's rank in its block, for one agency and for a page of agencies.
			"{ agency(code: \"P48\") { assessments { year block scores { category { code } rank tied blockSize score } total { rank blockSize } } } }",
			"{ agency(code: \"P25-2025\") { assessments(year: 2024) { block total { rank tied blockSize } } predecessors { code assessments(framework: DTI) { year total { rank tied } } } } }",
			"{ agencies(first: 100) { edges { node { code assessments { year block round { year } scores { rank tied blockSize } total { rank tied } } } } } }",
			"{ agencies(first: 10, filter: {kinds: [PROVINCE]}) { edges { node { code assessments(year: 2024, publishedOnly: true) { block scores { rank score sample } total { rank blockSize } } } } } }",
			"{ agencies(first: 100) { edges { node { code assessments { year block scores { rank rankChange previousRank previousYear previousSample } total { previousRank } } } } } }",
			"{ agencies(first: 40, filter: {kinds: [PROVINCE]}) { edges { node { code assessments(framework: DTI, publishedOnly: true) { year block scores { rankChange previousSample } } } } } }",
			// An agency's history, with the agencies merged into it.
			"{ agencyScores(agencyCode: \"P25-2025\", framework: DTI, includePredecessors: false, publishedOnly: true) { year block relation total { score rank } } }",
			"{ agencyScores(agencyCode: \"BTTTT\", publishedOnly: true) { framework year block relation agency { code } total { score } } }",
			// Agencies side by side over the years.
			"{ compareAgencies(agencyCodes: [\"P48\", \"P01\", \"P25-2025\", \"P48\"], framework: DTI) { __typename framework category years rows { __typename agency { code name } cells { __typename year block score maxScore rank blockSize rankChange publishedRank sample } } } }",
			"{ compareAgencies(agencyCodes: [\"P01\", \"P79\"], framework: DTI, category: \"chinh_quyen_so\", fromYear: 2021, toYear: 2023, publishedOnly: true) { category years rows { agency { code } cells { year score rank rankChange sample } } } }",
			"{ compareAgencies(agencyCodes: [\"BTTTT\", \"BCA\"], framework: VIETNAM_ICT_INDEX, category: \" total\") { years rows { cells { year block rank } } } }",
			"{ compareAgencies(agencyCodes: [\"P01\"], framework: DTI, fromYear: 2030) { years rows { cells { year } } } }",
			"{ __typename first: agency(code: \"P01\") { ...names } second: agency(code: \"P02\") { ...names code } list: agencies(first: 3) { edges { node { ... on Agency { code } } } } } fragment names on Agency { name nameEn }", })
	void shouldAnswerAsTheOrdinaryPathDoes(String query) {
		assertThat(answer(query, Map.of(), true)).isEqualTo(answer(query, Map.of(), false));
	}

	@Test
	void shouldAnswerReportsAndCorrectionsAsTheOrdinaryPathDoes() {
		// Task 2 of Công văn 50/BTTTT-CĐSQG is due 2024-01-15: P80 reports late, then
		// again.
		String task = String.valueOf(this.db.sql("SELECT id FROM task WHERE number = 2 AND due_on = '2024-01-15'")
			.map((row) -> row.get(0, Long.class))
			.one()
			.block());
		report(task, "P80", "IN_PROGRESS", "2024-02-01", "Đang triển khai");
		report(task, "P80", "DONE", "2024-03-01", null);
		report(task, "P82", "DONE", "2024-01-10", "Đúng hạn");
		String query = "{ task(id: \"" + task + "\") { id reports { " + REPORT_FIELDS + " } reportHistory { "
				+ REPORT_FIELDS + " } mine: reportHistory(agencyCode: \"P80\") { " + REPORT_FIELDS + " } } }";
		Object compiled = answer(query, Map.of(), true);
		assertThat(compiled).isEqualTo(answer(query, Map.of(), false));
		assertThat(compiled).asString().contains("P80", "P82", "Đúng hạn");
		// A corrected value: both measurements, the correction naming the one it
		// replaced.
		Map<?, ?> recorded = asAdmin().documentName("progress/recordMeasurement")
			.variable("input",
					Map.of("indicatorCode", "E_DOC_EXCHANGE_SIGNED", "agencyCode", "P80", "period", "2023-12-31",
							"value", 40.5, "source", "https://example.org/p80"))
			.execute()
			.path("recordMeasurement")
			.entity(Map.class)
			.get();
		asAdmin().documentName("progress/correctMeasurement")
			.variable("input", Map.of("id", recorded.get("id"), "value", 41.25, "source", "https://example.org/p80b"))
			.execute()
			.path("correctMeasurement.corrects.id")
			.entity(String.class)
			.isEqualTo((String) recorded.get("id"));
		String measurements = "{ measurements(indicatorCode: \"E_DOC_EXCHANGE_SIGNED\", agencyCode: \"P80\", includeCorrected: true) { totalCount edges { cursor node { "
				+ MEASUREMENT_FIELDS + " } } } }";
		Object both = answer(measurements, Map.of(), true);
		assertThat(both).isEqualTo(answer(measurements, Map.of(), false));
		assertThat(both).asString().contains("corrected=true", "value=41.25", "value=40.5");
	}

	private void report(String task, String agency, String status, String reportedOn, String note) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("taskId", task);
		input.put("agencyCode", agency);
		input.put("status", status);
		input.put("reportedOn", reportedOn);
		input.put("note", note);
		asAdmin().documentName("plan/reportTask")
			.variable("input", input)
			.execute()
			.path("reportTask.status")
			.entity(String.class)
			.isEqualTo(status);
	}

	@Test
	void shouldApplyVariablesAndDirectives() {
		String query = """
				query q($code: String!, $framework: Framework, $year: Int, $withScores: Boolean!, $first: Int) {
				  agency(code: $code) { code assessments(framework: $framework, year: $year) {
				    year scores @include(if: $withScores) { score } total @skip(if: $withScores) { score } } }
				  agencies(first: $first) { edges { node { code } } }
				}""";
		for (boolean withScores : new boolean[] { true, false }) {
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("code", "P48");
			variables.put("framework", "DTI");
			variables.put("year", null);
			variables.put("withScores", withScores);
			variables.put("first", 7);
			assertThat(answer(query, variables, true)).isEqualTo(answer(query, variables, false));
		}
	}

	/**
	 * The previous-round fields of one agency's rounds are answered field by field (one
	 * statement per level): in one statement PostgreSQL compared every round again for
	 * each of its scores (an agency's 30 rounds took 1.4 s instead of 80 ms). A page of
	 * agencies compares its rounds once, compiled.
	 */
	@ParameterizedTest
	@ValueSource(strings = {
			"{ agency(code: \"P48\") { assessments(framework: DTI) { year block scores { category { code } rank rankChange previousRank previousYear previousSample } total { rankChange previousYear } } } }",
			"{ agency(code: \"P25-2025\") { assessments(publishedOnly: true) { year block total { rank rankChange previousRank previousSample } } } }",
			"{ agencyScores(agencyCode: \"P25-2025\") { __typename framework year block relation agency { code name } round { year } total { score rank rankChange previousRank } scores { category { code } score maxScore rank tied blockSize sample publishedRank } } }",
			"{ agencyScores(agencyCode: \"P48\", framework: VIETNAM_ICT_INDEX) { year block relation scores { rank previousYear previousSample } } }" })
	void shouldAnswerAnAgencysPreviousRanksFieldByField(String query) {
		double ordinary = count("ordinary");
		Map<String, Object> compiled = post(query, Map.of(), true);
		assertThat(count("ordinary")).as(query).isEqualTo(ordinary + 1);
		assertThat(compiled).as(query).doesNotContainKey("errors");
		assertThat(BothPaths.numbersAsDoubles(compiled))
			.isEqualTo(BothPaths.numbersAsDoubles(post(query, Map.of(), false)));
	}

	@Test
	void shouldLeaveFieldsWithoutSqlToTheOrdinaryPath() {
		// AssessmentRound.importedAt has no SQL form; onlineNow is answered in Java on
		// purpose; votesPerDay's default end depends on the poll
		for (String query : List.of("{ assessmentRound(framework: DTI, year: 2022) { year importedAt } }",
				"{ agency(code: \"P48\") { code } onlineNow(siteCode: \"CDSQG\") { total } }",
				"{ poll(id: \"2\") { votesPerDay(from: \"2025-09-01\") { date votes } } }")) {
			double before = count("ordinary");
			post(query, Map.of(), true);
			assertThat(count("ordinary")).as(query).isEqualTo(before + 1);
		}
	}

	@Test
	void shouldAnswerOnlyTypenamesWithoutAStatement() {
		for (String query : List.of("{ __typename }", "{ a: __typename b: __typename }")) {
			double before = count("ordinary");
			Map<String, Object> body = post(query, Map.of(), true);
			assertThat(count("ordinary")).as(query).isEqualTo(before + 1);
			assertThat(body).as(query).doesNotContainKey("errors");
			assertThat((Map<?, ?>) body.get("data")).as(query)
				.isNotEmpty()
				.allSatisfy((key, value) -> assertThat(value).isEqualTo("Query"));
		}
	}

	@Test
	void shouldRefuseBadPageArgumentsBeforeEitherPathRuns() {
		// The query limits check page arguments before anything runs (issue 18).
		for (String query : List.of("{ agencies(first: 101) { totalCount } }", "{ agencies(first: -1) { totalCount } }",
				"{ agencies(after: \"garbage\") { totalCount } }")) {
			double ordinary = count("ordinary");
			double compiled = count("compiled");
			Map<String, Object> body = post(query, Map.of(), true);
			assertThat(count("ordinary")).as(query).isEqualTo(ordinary);
			assertThat(count("compiled")).as(query).isEqualTo(compiled);
			assertThat(body.get("errors")).as(query).asString().contains("BAD_REQUEST");
			assertThat(body).as(query).doesNotContainKey("data");
		}
	}

	@Test
	void shouldLeaveBadArgumentsToTheOrdinaryPathsErrors() {
		for (String query : List.of(
				"{ traffic(siteCode: \"HANOI\", from: \"2025-01-02T00:00:00Z\", to: \"2025-01-01T00:00:00Z\", granularity: DAY) { views } }",
				"{ traffic(siteCode: \"HANOI\", from: \"2025-01-01T00:00:00Z\", to: \"2025-02-01T00:00:00Z\", granularity: MINUTE) { views } }",
				"{ topPages(siteCode: \"HANOI\", from: \"2025-02-01\", to: \"2025-01-01\") { path } }",
				"{ poll(id: \"x\") { id } }",
				"{ poll(id: \"2\") { votesPerDay(from: \"2025-09-02\", to: \"2025-09-01\") { date } } }",
				"{ documents(after: \"eyJpZCI6Mn0=\") { totalCount } }")) {
			double before = count("ordinary");
			Map<String, Object> body = post(query, Map.of(), true);
			assertThat(count("ordinary")).as(query).isEqualTo(before + 1);
			assertThat(body.get("errors")).as(query).asString().contains("BAD_REQUEST");
		}
	}

	@Test
	void shouldLeaveBadIdsAndCursorsToTheOrdinaryPathsErrors() {
		for (String query : List.of("{ target(id: \"x\") { id } }", "{ plan(id: \"0\") { id } }",
				"{ task(id: \"-1\") { id } }",
				"{ measurements(indicatorCode: \"E_DOC_EXCHANGE\", after: \"eyJjb2RlIjoiUDQ4In0=\") { totalCount } }",
				"{ plans(after: \"eyJjb2RlIjoiUDQ4In0=\") { totalCount } }")) {
			double before = count("ordinary");
			Map<String, Object> body = post(query, Map.of(), true);
			assertThat(count("ordinary")).as(query).isEqualTo(before + 1);
			assertThat(body.get("errors")).as(query).asString().contains("BAD_REQUEST");
		}
	}

	@Test
	void shouldLeaveBadRankingArgumentsToTheOrdinaryPathsErrors() {
		// Refused before any statement: a block the framework does not use, years in
		// the wrong order, a category named rather than coded.
		for (String query : List.of("{ ranking(framework: DTI, year: 2022, block: MINISTRIES) { totalCount } }",
				"{ rankChanges(framework: DTI, fromYear: 2024, toYear: 2023, block: PROVINCES) { rank } }",
				"{ blockStatistics(framework: ICT_APPLICATION, year: 2018, block: NATIONAL) { count } }",
				"{ compareAgencies(agencyCodes: [], framework: DTI) { years } }",
				"{ compareAgencies(agencyCodes: [\"P01\"], framework: DTI, fromYear: 2024, toYear: 2022) { years } }",
				"{ ranking(framework: DTI, year: 2022, block: PROVINCES, after: \"eyJjb2RlIjoiUDQ4In0=\") { totalCount } }")) {
			double ordinary = count("ordinary");
			double compiled = count("compiled");
			Map<String, Object> body = post(query, Map.of(), true);
			assertThat(count("ordinary")).as(query).isEqualTo(ordinary + 1);
			assertThat(count("compiled")).as(query).isEqualTo(compiled);
			assertThat(body.get("errors")).as(query).asString().contains("BAD_REQUEST");
		}
	}

	@Test
	void shouldLeaveTheProgressOfTargetsToJava() {
		for (String query : List.of("{ target(id: \"1\") { id progress { status } } }",
				"{ targets { summary { agencies } } }", "{ indicators { targets { national { status } } } }")) {
			double before = count("ordinary");
			Map<String, Object> body = post(query, Map.of(), true);
			assertThat(count("ordinary")).as(query).isEqualTo(before + 1);
			assertThat(body).as(query).doesNotContainKey("errors");
		}
	}

	@Test
	void shouldAnswerUnknownRoundsAndCategoriesOnTheOrdinaryPath() {
		// Found by the statement itself, which then answers nothing: the ordinary path
		// words the error.
		Map<String, String> errors = new LinkedHashMap<>();
		errors.put("{ ranking(framework: DTI, year: 2019, block: PROVINCES) { totalCount } }", "NOT_FOUND");
		errors.put("{ ranking(framework: DTI, year: 2022, block: PROVINCES, category: \"NO_SUCH\") { totalCount } }",
				"BAD_REQUEST");
		errors.put("{ rankChanges(framework: DTI, fromYear: 2010, toYear: 2024, block: PROVINCES) { rank } }",
				"NOT_FOUND");
		errors.put("{ rankChanges(framework: DTI, fromYear: 2020, toYear: 2030, block: PROVINCES) { rank } }",
				"NOT_FOUND");
		errors.put("{ blockStatistics(framework: DTI, year: 2099, block: PROVINCES) { count } }", "NOT_FOUND");
		errors.put("{ agencyScores(agencyCode: \"NO-SUCH\") { year } }", "NOT_FOUND");
		errors.put("{ compareAgencies(agencyCodes: [\"P01\", \"NO-SUCH\"], framework: DTI) { years } }", "NOT_FOUND");
		errors.put(
				"{ compareAgencies(agencyCodes: [\"P01\"], framework: ICT_APPLICATION, category: \"KINH_TE_SO\") { years } }",
				"BAD_REQUEST");
		errors.put("{ blockStatistics(framework: DTI, year: 2024, block: PROVINCES, category: \"nope\") { count } }",
				"BAD_REQUEST");
		errors.forEach((query, classification) -> {
			double ordinary = count("ordinary");
			double compiled = count("compiled");
			Map<String, Object> body = post(query, Map.of(), true);
			assertThat(count("ordinary")).as(query).isEqualTo(ordinary + 1);
			assertThat(count("compiled")).as(query).isEqualTo(compiled);
			assertThat(body.get("errors")).as(query).asString().contains(classification);
			assertThat(BothPaths.numbersAsDoubles(body))
				.isEqualTo(BothPaths.numbersAsDoubles(post(query, Map.of(), false)));
		});
	}

	@Test
	void shouldLeaveACategoryNamedInVietnameseToTheOrdinaryPath() {
		String query = "{ ranking(framework: DTI, year: 2024, block: PROVINCES, category: \"Chính quyền số\", first: 3) { edges { node { rank score agency { code } } } } }";
		double ordinary = count("ordinary");
		Map<String, Object> body = post(query, Map.of(), true);
		assertThat(count("ordinary")).isEqualTo(ordinary + 1);
		assertThat(body).doesNotContainKey("errors");
		assertThat(body.get("data")).asString().contains("rank=1");
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{ traffic(siteCode: \"NO-SUCH-SITE\", from: \"2025-01-01T00:00:00Z\", to: \"2025-01-02T00:00:00Z\", granularity: DAY) { views } }",
			"{ topPages(siteCode: \"NO-SUCH-SITE\", from: \"2025-01-01\", to: \"2025-01-02\") { path } }",
			"{ siteStats(siteCode: \"NO-SUCH-SITE\") { totalVisits } }" })
	void shouldLeaveAnUnknownSiteToTheOrdinaryPathsError(String query) {
		double before = count("ordinary");
		Map<String, Object> body = post(query, Map.of(), true);
		assertThat(count("ordinary")).isEqualTo(before + 1);
		assertThat(body.get("errors")).asString().contains("NOT_FOUND");
	}

	/** The data of the answer, numbers as doubles, after checking which path answered. */
	private Object answer(String query, Map<String, Object> variables, boolean compiled) {
		String path = compiled ? "compiled" : "ordinary";
		double before = count(path);
		Map<String, Object> body = post(query, variables, compiled);
		assertThat(body).as(query).doesNotContainKey("errors");
		assertThat(count(path)).as("answered on the %s path: %s", path, query).isEqualTo(before + 1);
		return BothPaths.numbersAsDoubles(body.get("data"));
	}

	@Test
	void shouldTimeCompiledStatementsByRootField() {
		long agencies = compiledTimes("agencies");
		long agency = compiledTimes("agency");
		post("{ one: agency(code: \"P48\") { code } two: agency(code: \"P01\") { code } agencies(first: 1) { totalCount } }",
				Map.of(), true);
		post("{ agency(code: \"P17\") { code } }", Map.of(), false);
		assertThat(compiledTimes("agencies")).isEqualTo(agencies + 1);
		assertThat(compiledTimes("agency")).as("one statement, however many aliases").isEqualTo(agency + 1);
	}

	private long compiledTimes(String root) {
		var timer = this.meters.find("egov.graphql.compiled").tag("field", root).tag("outcome", "ok").timer();
		return (timer != null) ? timer.count() : 0;
	}

	private Map<String, Object> post(String query, Map<String, Object> variables, boolean compiled) {
		return BothPaths.post(this.http, query, variables, compiled);
	}

	private double count(String path) {
		return this.meters.get("egov.graphql.queries").tag("path", path).counter().count();
	}

}
