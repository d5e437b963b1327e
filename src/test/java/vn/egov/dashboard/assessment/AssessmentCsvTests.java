package vn.egov.dashboard.assessment;

import org.junit.jupiter.api.Test;

import vn.egov.dashboard.csv.CsvFile.Line;
import vn.egov.dashboard.csv.CsvFile.Parsed;
import vn.egov.dashboard.csv.ImportProblem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of import files: header, values per line, line numbers.
 */
class AssessmentCsvTests {

	@Test
	void shouldReadLinesByColumnNameWithTheirFileLineNumbers() {
		Parsed parsed = AssessmentCsv.parse("""
				Block , Agency_ID,category,score,agency_name

				PROVINCES,P48,,"0.8002",Đà Nẵng
				PROVINCES,P79,"Chính quyền
				số",0.7,Hồ Chí Minh
				PROVINCES,P01,,0.6,Hà Nội
				,,,,
				""", Framework.DTI, 2022);
		assertThat(parsed.problems()).isEmpty();
		assertThat(parsed.linesRead()).isEqualTo(3);
		assertThat(parsed.lines()).extracting(Line::number).containsExactly(3, 4, 6);
		assertThat(parsed.lines().get(0).values()).containsEntry("block", "PROVINCES")
			.containsEntry("agency_code", "P48")
			.containsEntry("score", "0.8002")
			.doesNotContainKey("category");
	}

	@Test
	void shouldReportAColumnNamedTwice() {
		Parsed parsed = AssessmentCsv.parse("block,agency_code,agency_id,category,score\n", Framework.DTI, 2022);
		assertThat(parsed.problems()).extracting(ImportProblem::toString)
			.containsExactly("line 1 [agency_code]: column agency_code is given twice");
	}

	@Test
	void shouldReportAnEmptyHeaderName() {
		Parsed parsed = AssessmentCsv.parse("block,,category,score\n", Framework.DTI, 2022);
		assertThat(parsed.problems()).singleElement().satisfies((p) -> {
			assertThat(p.line()).isEqualTo(1);
			assertThat(p.message()).startsWith("the header row is not usable");
		});
	}

	@Test
	void shouldReadALastLineWithoutLineEnd() {
		Parsed parsed = AssessmentCsv
			.parse("block,agency_code,category,score\r\nPROVINCES,P01,,0.5\r\nPROVINCES,P04,,0.4", Framework.DTI, 2022);
		assertThat(parsed.lines()).extracting(Line::number).containsExactly(2, 3);
	}

}
