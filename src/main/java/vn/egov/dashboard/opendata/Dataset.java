package vn.egov.dashboard.opendata;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A downloadable table: {@code /data/{id}.csv} and {@code /data/{id}.json} hold the rows
 * of {@code table}'s query run with {@code variables}.
 *
 * @param id the path under {@code /data/}, e.g. {@code rankings/DTI/2024/PROVINCES}
 */
record Dataset(String id, String title, String titleEn, String description, Table table,
		Map<String, @Nullable Object> variables) {

}
