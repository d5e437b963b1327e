package vn.egov.dashboard.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pictures in docs/grafana.md of the dashboards (docs/grafana/*.svg) are drawn from
 * the dashboards' JSON: the variables as a bar on top, then every panel where its
 * {@code gridPos} puts it (24 columns over 960 pixels), with its title and a sketch of
 * its type. This test fails when a picture no longer matches its dashboard; to draw them
 * again:
 *
 * <pre>
 * ./mvnw -q test -Dtest=DashboardPicturesTests -Ddashboard.pictures.write=true
 * </pre>
 */
class DashboardPicturesTests {

	private static final int WIDTH = 960;

	private static final int COLUMN = WIDTH / 24;

	private static final int ROW = 24;

	private static final int TOP = 58;

	private static final Map<String, String> TYPES = Map.of("timeseries", "time series", "table", "table", "stat",
			"stat", "bargauge", "bar gauge", "geomap", "map", "histogram", "histogram", "gauge", "gauge");

	@Test
	void shouldDrawEveryDashboardAsItsJsonLaysItOut() throws IOException {
		boolean write = Boolean.getBoolean("dashboard.pictures.write");
		for (var dashboard : Dashboards.load().entrySet()) {
			Path file = Dashboards.ROOT.resolve("docs/grafana").resolve(dashboard.getKey() + ".svg");
			String picture = draw(dashboard.getValue());
			if (write) {
				Files.writeString(file, picture, StandardCharsets.UTF_8);
			}
			assertThat(file)
				.as(file + " is drawn from grafana/dashboards/" + dashboard.getKey()
						+ ".json; draw it again with -Ddashboard.pictures.write=true")
				.hasContent(picture);
		}
	}

	static String draw(JsonNode dashboard) {
		int bottom = 0;
		for (JsonNode panel : Dashboards.panels(dashboard)) {
			JsonNode grid = panel.get("gridPos");
			bottom = Math.max(bottom, grid.get("y").asInt() + grid.get("h").asInt());
		}
		int height = TOP + bottom * ROW + 8;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"DejaVu Sans, Arial, sans-serif\">%n",
				WIDTH, height, WIDTH, height));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#111217\"/>%n", WIDTH, height));
		svg.append(text(8, 20, 15, "#e6e6e6", "bold", dashboard.get("title").asText() + "  ·  "
				+ dashboard.get("time").get("from").asText() + " → " + dashboard.get("time").get("to").asText()));
		int x = 8;
		for (JsonNode variable : Dashboards.variables(dashboard)) {
			if (variable.get("type").asText().equals("datasource")) {
				continue;
			}
			String label = "$" + variable.get("name").asText();
			int w = 14 + (int) (label.length() * 7.2);
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%d\" y=\"30\" width=\"%d\" height=\"20\" rx=\"3\" fill=\"#22252b\" stroke=\"#3d414a\"/>%n",
					x, w));
			svg.append(text(x + 7, 44, 12, "#9fa7b3", "normal", label));
			x += w + 6;
		}
		for (JsonNode panel : Dashboards.panels(dashboard)) {
			JsonNode grid = panel.get("gridPos");
			int px = grid.get("x").asInt() * COLUMN + 2;
			int py = TOP + grid.get("y").asInt() * ROW + 2;
			int pw = grid.get("w").asInt() * COLUMN - 4;
			int ph = grid.get("h").asInt() * ROW - 4;
			svg.append(String.format(Locale.ROOT,
					"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\" fill=\"#181b1f\" stroke=\"#2c3235\"/>%n",
					px, py, pw, ph));
			String type = panel.get("type").asText();
			svg.append(text(px + 8, py + 17, 12, "#e6e6e6", "bold", fit(panel.get("title").asText(), pw - 16, 7.0)));
			svg.append(text(px + 8, py + ph - 8, 10, "#6e7681", "normal", TYPES.getOrDefault(type, type)));
			sketch(svg, type, px + 10, py + 26, pw - 20, ph - 46);
		}
		return svg.append("</svg>\n").toString();
	}

	/** A few strokes that say what kind of panel it is. */
	private static void sketch(StringBuilder svg, String type, int x, int y, int w, int h) {
		if (h < 12) {
			return;
		}
		String stroke = "#5794f2";
		switch (type) {
			case "timeseries" -> {
				int[] ys = { 70, 55, 62, 40, 48, 30, 36, 20 };
				StringBuilder points = new StringBuilder();
				for (int i = 0; i < ys.length; i++) {
					points.append(x + i * w / (ys.length - 1)).append(',').append(y + ys[i] * h / 80).append(' ');
				}
				svg.append(String.format(Locale.ROOT,
						"<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n",
						points.toString().trim(), stroke));
			}
			case "table" -> {
				for (int line = 0; line * 14 < h && line < 12; line++) {
					svg.append(String.format(Locale.ROOT,
							"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"6\" fill=\"%s\"/>%n", x, y + line * 14, w,
							(line == 0) ? "#3d414a" : "#262a30"));
				}
			}
			case "bargauge" -> {
				int bars = Math.min(6, Math.max(1, h / 16));
				for (int i = 0; i < bars; i++) {
					svg.append(String.format(Locale.ROOT,
							"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"8\" fill=\"%s\"/>%n", x, y + i * 16,
							w * (bars - i) / bars, stroke));
				}
			}
			case "histogram" -> {
				int[] hs = { 20, 45, 80, 60, 35, 15 };
				for (int i = 0; i < hs.length; i++) {
					int bh = hs[i] * h / 100;
					svg.append(String.format(Locale.ROOT,
							"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", x + i * w / hs.length,
							y + h - bh, w / hs.length - 3, bh, stroke));
				}
			}
			case "geomap" -> {
				int cx = x + w / 2;
				svg.append(String.format(Locale.ROOT,
						"<path d=\"M%d %d q%d %d %d %d q%d %d %d %d q%d %d %d %d\" fill=\"none\" stroke=\"#3d414a\" "
								+ "stroke-width=\"%d\"/>%n",
						cx - w / 10, y, w / 5, h / 5, 0, h * 2 / 5, -w / 4, h / 6, w / 8, h * 2 / 5, w / 6, h / 8,
						-w / 12, h / 6, Math.max(6, w / 14)));
				String[] colours = { "#73bf69", "#f2cc0c", "#f2495c", "#73bf69", "#5794f2" };
				for (int i = 0; i < colours.length; i++) {
					svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>%n",
							cx - w / 12 + (i % 2) * w / 8, y + (i + 1) * h / 7, colours[i]));
				}
			}
			case "stat" -> svg.append(text(x, y + Math.min(h, 30), Math.min(26, h), "#73bf69", "bold", "1 234"));
			default -> {
			}
		}
	}

	private static String fit(String title, int width, double charWidth) {
		int max = (int) (width / charWidth);
		return (title.length() <= max) ? title : title.substring(0, Math.max(1, max - 1)) + "…";
	}

	private static String text(int x, int y, int size, String colour, String weight, String content) {
		return String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"%s\" font-weight=\"%s\">%s</text>%n", x, y, size,
				colour, weight, content.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
	}

}
