package vn.egov.dashboard.security;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.egov.dashboard.compiled.JavaFields;

/**
 * The caller, API keys and the audit log stay on the ordinary path: their answers depend
 * on who asks (API keys and the audit log are ADMIN only), and they are neither public
 * nor hot. Below them ({@code Viewer}, {@code ApiKey}, {@code AuditEntry}) everything is
 * answered in Java; their agencies are batched through the agencies' DataLoader.
 */
@Configuration(proxyBeanMethods = false)
class SecurityJavaFields {

	private static final String CALLER = "depends on the caller; not public, not hot";

	@Bean
	JavaFields securityQueries() {
		return new JavaFields("Query", all(Set.of("viewer", "apiKeys", "auditLog")));
	}

	private static Map<String, String> all(Set<String> fields) {
		return fields.stream().collect(Collectors.toMap(Function.identity(), (field) -> CALLER));
	}

}
