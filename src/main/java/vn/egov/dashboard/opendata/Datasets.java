package vn.egov.dashboard.opendata;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.ExecutionGraphQlRequest;
import org.springframework.graphql.ExecutionGraphQlResponse;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.support.DefaultExecutionGraphQlRequest;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.NotFoundException;
import vn.egov.dashboard.system.ClockConfiguration;

/**
 * The datasets: which there are (the catalogue, read through the API's own queries), the
 * one a download path names, and its rows, from its query run inside the server as an
 * anonymous client's would be.
 */
@Component
class Datasets {

	/** The traffic series of the catalogue: daily, the last 30 whole days. */
	static final int TRAFFIC_DAYS = 30;

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final String INVENTORY = """
			{
			  assessmentRounds { framework year blocks { block } }
			  sites { code name }
			  polls(first: 100) { edges { node { id question } } }
			}""";

	private static final String AGENCIES = """
			query agencies($after: String) {
			  agencies(first: 100, after: $after) {
			    pageInfo { hasNextPage endCursor }
			    edges { node { code name nameEn assessments { year } } }
			  }
			}""";

	private final ExecutionGraphQlService graphQl;

	private final Clock clock;

	private final JsonMapper json;

	Datasets(ExecutionGraphQlService graphQl, Clock clock, JsonMapper json) {
		this.graphQl = graphQl;
		this.clock = clock;
		this.json = json;
	}

	/** Every dataset, in the catalogue's order. */
	Mono<List<Dataset>> all() {
		return Mono.zip(run(INVENTORY, Map.of()), agencies(null, new ArrayList<>())).map((found) -> {
			Map<String, Object> data = found.getT1();
			List<Dataset> all = new ArrayList<>();
			for (Object round : (List<?>) data.get("assessmentRounds")) {
				for (Object block : (List<?>) Table.value(round, "blocks")) {
					all.add(ranking(String.valueOf(Table.value(round, "framework")),
							(Integer) Table.value(round, "year"), String.valueOf(Table.value(block, "block")),
							"TOTAL"));
				}
			}
			all.add(targets(null));
			for (Object agency : found.getT2()) {
				all.add(history(String.valueOf(Table.value(agency, "code")),
						String.valueOf(Table.value(agency, "name")), String.valueOf(Table.value(agency, "nameEn"))));
			}
			for (Object site : (List<?>) data.get("sites")) {
				all.add(traffic(String.valueOf(Table.value(site, "code")), null, null, null));
			}
			for (Object edge : (List<?>) Table.value(data, "polls.edges")) {
				all.add(poll(String.valueOf(Table.value(edge, "node.id")),
						String.valueOf(Table.value(edge, "node.question"))));
			}
			return all;
		});
	}

	/**
	 * The dataset at {@code id} (a path under /data/, without extension), with the query
	 * parameters it takes; NOT_FOUND for a path that names none.
	 */
	Dataset find(String id, Map<String, String> parameters) {
		String[] parts = id.split("/");
		if (parts[0].equals("rankings") && (parts.length == 4 || parts.length == 5)) {
			return ranking(parts[1], year(parts[2]), parts[3], (parts.length == 5) ? parts[4] : "TOTAL");
		}
		if (parts[0].equals("agencies") && parts.length == 3 && parts[2].equals("assessments")) {
			return history(parts[1], parts[1], parts[1]);
		}
		if (id.equals("targets")) {
			return targets(parameters.get("asOf"));
		}
		if (parts[0].equals("traffic") && parts.length == 2) {
			return traffic(parts[1], parameters.get("granularity"), parameters.get("from"), parameters.get("to"));
		}
		if (parts[0].equals("polls") && parts.length == 2) {
			return poll(parts[1], parts[1]);
		}
		throw new NotFoundException("No dataset at /data/" + id + " (GET /data lists them)");
	}

	/**
	 * The rows of a dataset; a query that fails (an unknown round, agency or site) is
	 * NOT_FOUND or BAD_REQUEST as the API answers it.
	 */
	Mono<List<Map<String, @Nullable Object>>> rows(Dataset dataset) {
		Table table = dataset.table();
		if (!table.lists().get(0).endsWith(".edges")) {
			return run(table.query(), dataset.variables()).map((data) -> {
				if (Table.value(data, table.lists().get(0).split("\\.")[0]) == null) {
					throw new NotFoundException("No dataset at /data/" + dataset.id() + " (GET /data lists them)");
				}
				return table.rows(data, dataset.variables());
			});
		}
		return pages(dataset, null, new ArrayList<>());
	}

	/** A connection's rows, page after page. */
	private Mono<List<Map<String, @Nullable Object>>> pages(Dataset dataset, @Nullable String after,
			List<Map<String, @Nullable Object>> rows) {
		Map<String, @Nullable Object> variables = new HashMap<>(dataset.variables());
		variables.put("after", after);
		String connection = dataset.table().lists().get(0).replace(".edges", "");
		return run(dataset.table().query(), variables).flatMap((data) -> {
			rows.addAll(dataset.table().rows(data, dataset.variables()));
			Object next = Table.value(data, connection + ".pageInfo.endCursor");
			return Boolean.TRUE.equals(Table.value(data, connection + ".pageInfo.hasNextPage"))
					? pages(dataset, (String) next, rows) : Mono.just(rows);
		});
	}

	private Mono<List<Object>> agencies(@Nullable String after, List<Object> found) {
		Map<String, @Nullable Object> variables = new HashMap<>();
		variables.put("after", after);
		return run(AGENCIES, variables).flatMap((data) -> {
			for (Object edge : (List<?>) Table.value(data, "agencies.edges")) {
				Object agency = Table.value(edge, "node");
				if (!((List<?>) Table.value(agency, "assessments")).isEmpty()) {
					found.add(agency);
				}
			}
			return Boolean.TRUE.equals(Table.value(data, "agencies.pageInfo.hasNextPage"))
					? agencies((String) Table.value(data, "agencies.pageInfo.endCursor"), found) : Mono.just(found);
		});
	}

	/** The data of a query's answer, or the error it answered with. */
	private Mono<Map<String, Object>> run(String query, Map<String, @Nullable Object> variables) {
		ExecutionGraphQlRequest request = new DefaultExecutionGraphQlRequest(query, null, variables, null,
				UUID.randomUUID().toString(), null);
		return this.graphQl.execute(request).map(this::data);
	}

	/**
	 * The data as a client reads it: written as the JSON it is sent as and read back, so
	 * that parts written by compiled queries (raw JSON) read as the rest.
	 */
	private Map<String, Object> data(ExecutionGraphQlResponse response) {
		if (!response.getErrors().isEmpty()) {
			var error = response.getErrors().get(0);
			String message = error.getMessage();
			if (String.valueOf(error.getErrorType()).equals("NOT_FOUND")) {
				throw new NotFoundException(message);
			}
			String field = String.valueOf(error.getExtensions().getOrDefault("field", "path"));
			String problem = String.valueOf(message);
			throw new InvalidInputException(field,
					problem.startsWith(field + " ") ? problem.substring(field.length() + 1) : problem);
		}
		Object data = response.getData();
		if (data == null) {
			throw new InvalidInputException("path", "names no dataset");
		}
		return this.json.readValue(this.json.writeValueAsBytes(data), MAP);
	}

	private static Dataset ranking(String framework, int year, String block, String category) {
		String id = "rankings/" + framework + "/" + year + "/" + block
				+ (category.equals("TOTAL") ? "" : "/" + category);
		return new Dataset(id, "Xếp hạng " + framework + " " + year + " – " + block + " (" + category + ")",
				framework + " " + year + " ranking, block " + block + ", category " + category,
				"Bảng xếp hạng với thay đổi hạng, cờ công bố/dữ liệu mẫu và nguồn. A block's ranking with rank changes "
						+ "(against the previous round's ranking of the same units), published/sample flags and "
						+ "sources; /data/" + id.replaceAll("/[A-Z_]+$", "/" + block) + "/{category} for a category.",
				Tables.RANKING, variables("framework", framework, "year", year, "block", block, "category", category));
	}

	private static Dataset history(String code, String name, String nameEn) {
		return new Dataset("agencies/" + code + "/assessments", "Lịch sử đánh giá: " + name,
				"Assessment history: " + nameEn,
				"Mọi kỳ đánh giá của đơn vị và các đơn vị sáp nhập vào nó, mỗi chỉ số một dòng. Every round the agency "
						+ "and the agencies merged into it were ranked in, one row per category.",
				Tables.AGENCY_HISTORY, variables("agencyCode", code));
	}

	private Dataset targets(@Nullable String asOf) {
		String day = (asOf != null) ? asOf : LocalDate.now(this.clock.withZone(ClockConfiguration.VIETNAM)).toString();
		return new Dataset("targets", "Mục tiêu quốc gia và tiến độ", "National targets and progress",
				"Mục tiêu quốc gia (1819/QĐ-TTg, 17/NQ-CP, 749/QĐ-TTg, 942/QĐ-TTg, 76/NQ-CP) với số liệu mới nhất và "
						+ "trạng thái. National targets with the latest national figure, its source and status; "
						+ "?asOf=yyyy-MM-dd (default today, Vietnam).",
				Tables.TARGETS, variables("asOf", day));
	}

	private Dataset traffic(String site, @Nullable String granularity, @Nullable String from, @Nullable String to) {
		LocalDate today = LocalDate.now(this.clock.withZone(ClockConfiguration.VIETNAM));
		String end = (to != null) ? to
				: DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(today.atStartOfDay(ClockConfiguration.VIETNAM));
		String start = (from != null) ? from : DateTimeFormatter.ISO_OFFSET_DATE_TIME
			.format(today.minusDays(TRAFFIC_DAYS).atStartOfDay(ClockConfiguration.VIETNAM));
		return new Dataset("traffic/" + site, "Lượt truy cập: " + site, "Traffic series: " + site,
				"Lượt xem theo khoảng thời gian. Page views per bucket; ?granularity=MINUTE|HOUR|DAY|WEEK|MONTH "
						+ "(default DAY), ?from= and ?to= (DateTime, default the last " + TRAFFIC_DAYS
						+ " whole days).",
				Tables.TRAFFIC, variables("siteCode", site, "from", start, "to", end, "granularity",
						(granularity != null) ? granularity : "DAY"));
	}

	private static Dataset poll(String id, String question) {
		return new Dataset("polls/" + id, "Kết quả thăm dò: " + question, "Poll results: " + question,
				"Số phiếu và tỷ lệ của từng lựa chọn. Votes and percent of each option.", Tables.POLL,
				variables("id", id));
	}

	private static int year(String text) {
		try {
			return Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("year", "'" + text + "' is not a year");
		}
	}

	private static Map<String, @Nullable Object> variables(Object... pairs) {
		Map<String, @Nullable Object> variables = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			variables.put((String) pairs[i], pairs[i + 1]);
		}
		return variables;
	}

}
