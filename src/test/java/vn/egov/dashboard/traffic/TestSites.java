package vn.egov.dashboard.traffic;

import java.util.Locale;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Sites of a test's own, so that tests that write traffic never see each other's rows.
 */
final class TestSites {

	private TestSites() {
	}

	/** Creates a site with a fresh code and makes the beacon know it at once. */
	static String create(DatabaseClient db, SiteDirectory directory) {
		String code = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
		db.sql("INSERT INTO site (code, name) VALUES (:code, 'Test site')").bind("code", code).then().block();
		directory.refresh().block();
		return code;
	}

}
