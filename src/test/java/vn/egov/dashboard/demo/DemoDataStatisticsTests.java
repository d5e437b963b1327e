package vn.egov.dashboard.demo;

import java.util.List;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data loader leaves planner statistics behind, so the first queries are not
 * planned on guesses.
 */
class DemoDataStatisticsTests extends IntegrationTests {

	@Test
	void shouldAnalyseTheTablesItLoaded() {
		List<String> analysed = this.db
			.sql("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL ORDER BY relname")
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		assertThat(analysed).contains("agency", "assessment_score", "assessment_round", "measurement");
	}

}
