package vn.egov.dashboard.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds file paths of a repository (this one's or a source's) in a text meant for the
 * public, which must cite documents and URLs instead: {@code input/docs/60-NQ_TW.md},
 * {@code shared/seeds/001_6ca249ffe5b5406d.txt}, {@code github:owner/repo dist/x.json},
 * {@code assessment_scores.csv}. Paths inside a URL are part of the URL and are fine.
 */
final class RepositoryPaths {

	private static final Pattern URL = Pattern.compile("https?://\\S+");

	private static final Pattern PATH = Pattern.compile("(?<![\\w.:/-])(?:github:"
			+ "|(?:[\\w.-]+/)+[\\w.-]+\\.(?:txt|md|csv|json|sql|java|ts|ya?ml|py|xml|html?)\\b"
			+ "|(?:shared|seeds|input|src|target|docs|dist|mapping|output|resources|demo)/"
			+ "|[\\w-]+\\.(?:txt|md|csv|json|sql|java|ts|ya?ml|py)\\b)", Pattern.CASE_INSENSITIVE);

	private RepositoryPaths() {
	}

	/** The paths in {@code text}, outside its URLs. */
	static List<String> in(String text) {
		List<String> found = new ArrayList<>();
		Matcher matcher = PATH.matcher(URL.matcher(text).replaceAll(" "));
		while (matcher.find()) {
			found.add(matcher.group());
		}
		return found;
	}

}
