package vn.egov.dashboard.demo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo files cite documents and URLs, never repository paths: every cell of every CSV
 * file (loaded or not: a {@code source} column is provenance a later version may serve)
 * and every string literal of every SQL file under {@code demo/}.
 */
class DemoFilesTests {

	private static final Pattern SQL_STRING = Pattern.compile("'(?:[^']|'')*'");

	@Test
	void shouldCiteNoRepositoryPathInAnyCsvCell() throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:demo/**/*.csv");
		assertThat(files).hasSizeGreaterThan(10);
		List<String> found = new ArrayList<>();
		for (Resource file : files) {
			try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
				for (CSVRecord row : CSVFormat.RFC4180.builder().get().parse(reader)) {
					for (String cell : row) {
						if (!RepositoryPaths.in(cell).isEmpty()) {
							found
								.add(file.getFilename() + ":" + row.getRecordNumber() + " " + RepositoryPaths.in(cell));
						}
					}
				}
			}
		}
		assertThat(found).isEmpty();
	}

	@Test
	void shouldCiteNoRepositoryPathInAnySqlString() throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:demo/**/*.sql");
		assertThat(files).hasSizeGreaterThanOrEqualTo(2);
		List<String> found = new ArrayList<>();
		for (Resource file : files) {
			String sql = file.getContentAsString(StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "");
			Matcher literal = SQL_STRING.matcher(sql);
			while (literal.find()) {
				if (!RepositoryPaths.in(literal.group()).isEmpty()) {
					found.add(file.getFilename() + " " + literal.group());
				}
			}
		}
		assertThat(found).isEmpty();
	}

}
