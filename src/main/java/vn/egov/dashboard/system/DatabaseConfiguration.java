package vn.egov.dashboard.system;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the database if it does not exist yet, then lets Flyway migrate it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	FlywayMigrationStrategy createDatabaseThenMigrate(FlywayProperties properties) {
		return (flyway) -> {
			DatabaseCreator.ensureExists(properties.getUrl(), properties.getUser(), properties.getPassword());
			flyway.migrate();
		};
	}

}
