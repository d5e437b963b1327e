package vn.egov.dashboard.opendata;

import java.util.List;

/**
 * The tables of the datasets: each a GraphQL query of the API and the columns read from
 * its answer. The column names are those of the CSV header and the JSON keys.
 */
final class Tables {

	static final Table RANKING = new Table("""
			query ranking($framework: Framework!, $year: Int!, $block: Block!, $category: String!,
			              $after: String) {
			  ranking(framework: $framework, year: $year, block: $block, category: $category, first: 100,
			          after: $after) {
			    pageInfo { hasNextPage endCursor }
			    edges { node {
			      rank rankChange previousRank previousYear previousSample score maxScore tied blockSize
			      publishedRank sample source note agency { code name nameEn } } }
			  }
			}""", List.of("ranking.edges"), List.of(
			Column.of("framework", "$framework", "Bộ chỉ số / framework (DTI, VIETNAM_ICT_INDEX, ICT_APPLICATION)"),
			Column.of("year", "$year", "Năm đánh giá / assessed year"),
			Column.of("block", "$block", "Khối xếp hạng / ranking block"),
			Column.of("category", "$category", "Chỉ số / category code (TOTAL = tổng thể)"),
			Column.of("rank", "node.rank", "Hạng / rank (RANK(): ties share a rank)"),
			Column.of("rank_change", "node.rankChange",
					"Thay đổi hạng / places gained since the previous round, same set of units"),
			Column.of("previous_rank", "node.previousRank", "Hạng kỳ trước / previous rank among these units"),
			Column.of("previous_year", "node.previousYear", "Năm kỳ trước / year compared with"),
			Column.of("agency_code", "node.agency.code", "Mã đơn vị / agency code"),
			Column.of("agency_name", "node.agency.name", "Tên đơn vị"),
			Column.of("agency_name_en", "node.agency.nameEn", "Agency name"),
			Column.of("score", "node.score", "Điểm / score"),
			Column.of("max_score", "node.maxScore", "Điểm tối đa / maximum score"),
			Column.of("block_size", "node.blockSize", "Số đơn vị xếp hạng / agencies ranked"),
			Column.of("tied", "node.tied", "Đồng hạng / tied"),
			Column.of("published_rank", "node.publishedRank", "Hạng công bố / rank as published"),
			Column.of("sample", "node.sample", "Dữ liệu mẫu / generated sample score (not published)"),
			Column.of("previous_sample", "node.previousSample", "Điểm kỳ trước là dữ liệu mẫu / previous is sample"),
			Column.of("source", "node.source", "Nguồn / source"), Column.of("note", "node.note", "Ghi chú / note")));

	static final Table AGENCY_HISTORY = new Table("""
			query agencyScores($agencyCode: String!) {
			  agencyScores(agencyCode: $agencyCode) {
			    framework year block relation agency { code name nameEn }
			    scores { category { code name } score maxScore rank rankChange previousRank blockSize publishedRank
			             sample source }
			  }
			}""", List.of("agencyScores", "scores"),
			List.of(Column.of("framework", "framework", "Bộ chỉ số / framework"),
					Column.of("year", "year", "Năm đánh giá / assessed year"),
					Column.of("block", "block", "Khối xếp hạng / ranking block"),
					Column.of("agency_code", "agency.code", "Mã đơn vị (itself or a predecessor) / agency code"),
					Column.of("agency_name", "agency.name", "Tên đơn vị"),
					Column.of("agency_name_en", "agency.nameEn", "Agency name"),
					Column.of("relation", "relation", "SELF, or PREDECESSOR: merged into the agency"),
					Column.inner("category", "category.code", "Mã chỉ số / category code"),
					Column.inner("category_name", "category.name", "Tên chỉ số / category name"),
					Column.inner("score", "score", "Điểm / score"),
					Column.inner("max_score", "maxScore", "Điểm tối đa / maximum score"),
					Column.inner("rank", "rank", "Hạng / rank"),
					Column.inner("rank_change", "rankChange", "Thay đổi hạng / places gained"),
					Column.inner("previous_rank", "previousRank", "Hạng kỳ trước / previous rank"),
					Column.inner("block_size", "blockSize", "Số đơn vị xếp hạng / agencies ranked"),
					Column.inner("published_rank", "publishedRank", "Hạng công bố / rank as published"),
					Column.inner("sample", "sample", "Dữ liệu mẫu / generated sample score"),
					Column.inner("source", "source", "Nguồn / source")));

	static final Table TARGETS = new Table("""
			query targets($asOf: Date) {
			  targets(filter: {scope: NATIONAL}) {
			    code value valueMax comparator deadline
			    indicator { code name nameEn unit }
			    sourceDocument { number }
			    national(asOf: $asOf) {
			      latestValue latestPeriod gap percentOfWay projectedValue status firstMetOn sample
			      latestMeasurement { source }
			    }
			  }
			}""", List.of("targets"),
			List.of(Column.of("as_of", "$asOf", "Tính đến ngày / progress as of"),
					Column.of("code", "code", "Mã mục tiêu / target code"),
					Column.of("indicator_code", "indicator.code", "Mã chỉ tiêu / indicator code"),
					Column.of("indicator_name", "indicator.name", "Tên chỉ tiêu"),
					Column.of("indicator_name_en", "indicator.nameEn", "Indicator"),
					Column.of("unit", "indicator.unit", "Đơn vị / unit"),
					Column.of("comparator", "comparator", "So sánh / comparator (GE, LE, …)"),
					Column.of("value", "value", "Giá trị mục tiêu / target value"),
					Column.of("value_max", "valueMax", "Cận trên / upper bound of a range"),
					Column.of("deadline", "deadline", "Thời hạn / deadline"),
					Column.of("document", "sourceDocument.number", "Văn bản / document setting it"),
					Column.of("latest_value", "national.latestValue", "Giá trị mới nhất / latest national figure"),
					Column.of("latest_period", "national.latestPeriod", "Kỳ / period of that figure"),
					Column.of("gap", "national.gap", "Khoảng cách / still to go"),
					Column.of("percent_of_way", "national.percentOfWay", "% chặng đường / percent of the way"),
					Column.of("projected_value", "national.projectedValue", "Dự báo / projected or judged value"),
					Column.of("status", "national.status", "Trạng thái / status"),
					Column.of("first_met_on", "national.firstMetOn", "Đạt lần đầu / first met on"),
					Column.of("sample", "national.sample", "Dữ liệu mẫu / computed from sample values"),
					Column.of("source", "national.latestMeasurement.source", "Nguồn / source of the figure")));

	static final Table TRAFFIC = new Table("""
			query traffic($siteCode: String!, $from: DateTime!, $to: DateTime!, $granularity: Granularity!) {
			  traffic(siteCode: $siteCode, from: $from, to: $to, granularity: $granularity) {
			    start views memberViews visitors sample
			  }
			}""", List.of("traffic"),
			List.of(Column.of("site", "$siteCode", "Cổng thông tin / site code"),
					Column.of("granularity", "$granularity", "Khoảng / bucket size"),
					Column.of("start", "start", "Bắt đầu / bucket start (+07:00)"),
					Column.of("views", "views", "Lượt xem / page views"),
					Column.of("member_views", "memberViews", "Lượt xem của thành viên / views by members"),
					Column.of("visitors", "visitors", "Khách / distinct visitors in the bucket"),
					Column.of("sample", "sample", "Dữ liệu mẫu / generated sample traffic")));

	static final Table POLL = new Table("""
			query poll($id: ID!) {
			  poll(id: $id) { id question site { code } totalVotes options { id label votes percent } }
			}""", List.of("poll.options"),
			List.of(Column.of("poll_id", "$id", "Mã thăm dò / poll id"),
					Column.of("option_id", "id", "Mã lựa chọn / option id"),
					Column.of("option", "label", "Lựa chọn / option"), Column.of("votes", "votes", "Số phiếu / votes"),
					Column.of("percent", "percent", "Tỷ lệ % (largest remainder, sums to 100) / percent")));

	private Tables() {
	}

}
