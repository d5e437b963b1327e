package vn.egov.dashboard.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What counts as a repository path in a public text.
 */
class RepositoryPathsTests {

	@Test
	void shouldFindPathsOutsideUrls() {
		assertThat(RepositoryPaths.in("github:madnh/hanhchinhvn dist/tinh_tp.json; input/docs/60-NQ_TW.md"))
			.containsExactly("github:", "dist/tinh_tp.json", "input/docs/60-NQ_TW.md");
		assertThat(RepositoryPaths.in("Seed 001 (shared/seeds/001_6ca249ffe5b5406d.txt)"))
			.containsExactly("shared/seeds/001_6ca249ffe5b5406d.txt");
		assertThat(RepositoryPaths.in("Theo assessment_scores.csv, hạng 2")).containsExactly("assessment_scores.csv");
		assertThat(RepositoryPaths.in("see src/main/resources/demo/x.csv")).isNotEmpty();
	}

	@Test
	void shouldLeaveUrlsDocumentNumbersAndDomainsAlone() {
		assertThat(RepositoryPaths.in("https://github.com/dvhcvn/20250701/blob/HEAD/input/docs/60-NQ_TW.md")).isEmpty();
		assertThat(RepositoryPaths.in("Nghị quyết 60-NQ/TW ngày 12/4/2025; 50/BTTTT-CĐSQG; 17/NQ-CP; 1819/QĐ-TTg"))
			.isEmpty();
		assertThat(RepositoryPaths.in("aita.gov.vn, baomoi.net.vn, 1180/107/57 of 1344, 2024-11-20 00:00+07"))
			.isEmpty();
	}

}
