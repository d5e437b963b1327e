package vn.egov.dashboard.visitor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The visitor cookie is first-party by default, and goes with requests from the pages of
 * other sites where configured (issue 21: {@code SameSite=None; Secure}).
 */
class VisitorCookieSettingsTests {

	@Test
	void shouldWriteAFirstPartyCookieByDefault() {
		String cookie = new VisitorProperties("egov_vid", false, "Lax", false, "").cookie("v1.mac").toString();
		assertThat(cookie).startsWith("egov_vid=v1.mac; Path=/; Max-Age=34560000; Expires=")
			.endsWith(" GMT; HttpOnly; SameSite=Lax");
	}

	@Test
	void shouldWriteACrossSiteCookieWhereConfigured() {
		String cookie = new VisitorProperties("egov_vid", true, "None", false, "").cookie("v1.mac").toString();
		assertThat(cookie).startsWith("egov_vid=v1.mac; Path=/; Max-Age=34560000; ")
			.endsWith(" GMT; Secure; HttpOnly; SameSite=None");
		assertThat(new VisitorProperties("egov_vid", true, "None", true, "").cookie("v1.mac").toString())
			.endsWith(" GMT; Secure; HttpOnly; Partitioned; SameSite=None");
	}

	@Test
	void shouldRefuseSettingsBrowsersWouldIgnore() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new VisitorProperties("egov_vid", false, "None", false, ""))
			.withMessageContaining("cookie-secure");
		assertThatIllegalArgumentException().isThrownBy(() -> new VisitorProperties("egov_vid", true, "Lax", true, ""))
			.withMessageContaining("cookie-partitioned");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new VisitorProperties("egov_vid", true, "none", false, ""))
			.withMessageContaining("Lax, Strict or None");
	}

}
