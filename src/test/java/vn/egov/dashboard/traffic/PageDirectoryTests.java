package vn.egov.dashboard.traffic;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.traffic.PageDirectory.SitePages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One site's pages in memory: hits create pages up to the cap, curated pages do not
 * count, and known pages are always admitted, across the array's re-sorts.
 */
class PageDirectoryTests {

	@Test
	void shouldAdmitNewPagesUpToTheCapAndKnownPagesAlways() {
		SitePages pages = new SitePages();
		for (long path = 0; path < 1000; path++) {
			assertThat(pages.admit(path, 1000)).as("page %d", path).isTrue();
		}
		assertThat(pages.admit(1000, 1000)).isFalse();
		assertThat(pages.admit(-1, 1000)).isFalse();
		for (long path = 0; path < 1000; path++) {
			assertThat(pages.admit(path, 1000)).as("known page %d", path).isTrue();
		}
	}

	@Test
	void shouldNotCountCuratedPagesAgainstTheCap() {
		SitePages pages = new SitePages();
		for (long path = 0; path < 600; path++) {
			pages.load(path, true);
		}
		pages.load(600, false);
		assertThat(pages.admit(700, 2)).isTrue();
		assertThat(pages.admit(701, 2)).isFalse();
		assertThat(pages.admit(599, 2)).as("a curated page").isTrue();
		pages.load(700, false);
		assertThat(pages.admit(702, 3)).as("a page loaded after it was admitted is counted once").isTrue();
	}

}
