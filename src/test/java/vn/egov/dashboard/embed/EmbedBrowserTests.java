package vn.egov.dashboard.embed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import vn.egov.dashboard.IntegrationTests;
import vn.egov.dashboard.TestTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embed snippet of docs/embed.md in headless Chromium, on pages served from other
 * origins than the API's (issue 21): on a registered portal's origin it shows the poll
 * and the visit counter, votes, follows the results live over WebSocket and sends the
 * page view; on an unknown origin every call is refused and nothing is written.
 */
class EmbedBrowserTests extends IntegrationTests {

	@Autowired
	private AllowedOrigins origins;

	@Autowired
	private JsonMapper json;

	private HttpServer portal;

	private String site;

	private long pollId;

	private List<Long> options;

	@BeforeEach
	void servePortalPages() throws IOException {
		this.portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.portal.createContext("/", (exchange) -> {
			byte[] page = page().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		this.portal.start();
		this.site = "B" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
		this.db
			.sql("INSERT INTO site (code, name, base_url, visit_offset, counting_from) "
					+ "VALUES (:code, 'Cổng thông tin thử nghiệm', :url, 1234567, now())")
			.bind("code", this.site)
			.bind("url", "http://127.0.0.1:" + this.portal.getAddress().getPort() + "/")
			.then()
			.block();
		this.pollId = this.db
			.sql("INSERT INTO poll (site_code, question, opens_at) VALUES (:site, 'Bạn thấy cổng thông tin thế nào?', "
					+ "now() - interval '1 day') RETURNING id")
			.bind("site", this.site)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
		this.options = this.db
			.sql("INSERT INTO poll_option (poll_id, position, label) VALUES (:poll, 1, 'Hữu ích'), "
					+ "(:poll, 2, 'Bình thường'), (:poll, 3, 'Chưa hữu ích') RETURNING id")
			.bind("poll", this.pollId)
			.map((row) -> row.get(0, Long.class))
			.all()
			.collectList()
			.block();
		this.origins.refresh().block();
	}

	@AfterEach
	void stopPortal() {
		this.portal.stop(0);
	}

	@Test
	void shouldReadVoteAndSubscribeFromARegisteredPortalAndBeRefusedElsewhere() {
		String path = "/tin-tuc/bai-viet-1";
		int portalPort = this.portal.getAddress().getPort();
		Map<String, Object> input = Map.of("chromium", TestTools.chromium(), "api", api(), "pollId",
				String.valueOf(this.pollId), "otherOptionId", String.valueOf(this.options.get(2)), "allowedPage",
				"http://127.0.0.1:" + portalPort + path, "unknownPage", "http://localhost:" + portalPort + path);
		String printed = TestTools.node("embed-check.mjs", 120, this.json.writeValueAsString(input));
		JsonNode result = this.json.readTree(printed.lines().reduce((first, last) -> last).orElseThrow());

		JsonNode allowed = result.get("allowed");
		assertThat(allowed.get("pollState").asString()).isEqualTo("ready");
		assertThat(allowed.get("question").asString()).isEqualTo("Bạn thấy cổng thông tin thế nào?");
		assertThat(allowed.get("totalBefore").asLong()).isZero();
		// The offset, plus the page's own view if the hit buffer flushed it before the
		// counter's query: the page
		// sends both at once.
		assertThat(allowed.get("visits").asLong()).isIn(1234567L, 1234568L);
		assertThat(allowed.get("beacon").asString()).isEqualTo("202");
		assertThat(allowed.get("totalAfterVote").asLong()).isEqualTo(1);
		assertThat(allowed.get("message").asString()).isEqualTo("Cảm ơn bạn đã bình chọn (thank you for voting)");
		assertThat(allowed.get("otherVote").asLong()).isEqualTo(2);
		assertThat(allowed.get("totalPushed").asLong()).as("pushed by the subscription").isEqualTo(2);
		assertThat(allowed.get("results").valueStream().map(JsonNode::asString).toList()).containsExactly("1 (50%)",
				"0 (0%)", "1 (50%)");

		JsonNode unknown = result.get("unknown");
		assertThat(unknown.get("pollState").asString()).isEqualTo("error");
		assertThat(unknown.get("visitsState").asString()).isEqualTo("error");
		assertThat(unknown.get("beacon").asString()).isEqualTo("refused");
		assertThat(unknown.get("directVote").asString()).isEqualTo("refused");
		assertThat(unknown.get("webSocket").asString()).isEqualTo("refused");
		assertThat(count("poll_vote", "poll_id = " + this.pollId)).isEqualTo(2);
		assertThat(count("poll_option", "poll_id = " + this.pollId + " AND votes > 0")).isEqualTo(2);
	}

	private String api() {
		return "http://127.0.0.1:" + this.port;
	}

	/** A portal's article with the snippet of docs/embed.md pasted in. */
	private String page() {
		return """
				<!DOCTYPE html>
				<html lang="vi"><head><meta charset="utf-8"><title>Bài viết thử nghiệm</title></head>
				<body>
				<h1>Bài viết thử nghiệm</h1>
				<div data-egov-poll="%2$d"></div>
				<p>Tổng lượt truy cập: <span data-egov-visits="%3$s"></span></p>
				<script src="%1$s/embed.js" data-site="%3$s" async></script>
				</body></html>
				""".formatted(api(), this.pollId, this.site);
	}

}
