package vn.egov.dashboard.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.IntegrationTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No text the API can serve cites a file path of a repository: sources and notes cite
 * documents and URLs. Every text column of every table is read after the demo data is
 * loaded (and whatever other tests wrote).
 */
class PublicTextTests extends IntegrationTests {

	/**
	 * Tables only administrators read, and the traffic tables whose only texts are site
	 * codes and granularities (checked by constraints; a million rows to read).
	 */
	private static final List<String> SKIPPED = List.of("api_key", "audit_entry", "flyway_schema_history",
			"traffic_bucket", "traffic_visitor", "page_day");

	@Test
	void shouldCiteNoRepositoryPathInAnyText() {
		List<Map<String, Object>> columns = this.db.sql("""
				SELECT table_name, column_name FROM information_schema.columns
				 WHERE table_schema = 'public' AND data_type IN ('text', 'character varying')
				   AND table_name IN (SELECT table_name FROM information_schema.tables
				                       WHERE table_schema = 'public' AND table_type = 'BASE TABLE')
				 ORDER BY table_name, column_name""").fetch().all().collectList().block();
		assertThat(columns).extracting((c) -> c.get("table_name"))
			.contains("agency", "measurement", "assessment_score", "page", "site_reading", "poll", "target", "plan");
		List<String> found = new ArrayList<>();
		int texts = 0;
		for (Map<String, Object> column : columns) {
			String table = (String) column.get("table_name");
			String name = (String) column.get("column_name");
			if (SKIPPED.contains(table)) {
				continue;
			}
			List<String> values = this.db
				.sql("SELECT DISTINCT " + name + " AS v FROM " + table + " WHERE " + name + " IS NOT NULL")
				.map((row) -> row.get("v", String.class))
				.all()
				.collectList()
				.block();
			for (String value : values) {
				texts++;
				List<String> paths = RepositoryPaths.in(value);
				if (!paths.isEmpty()) {
					found.add(table + "." + name + " " + paths + ": " + value);
				}
			}
		}
		assertThat(texts).isGreaterThan(1000);
		assertThat(found).isEmpty();
	}

}
