package vn.egov.dashboard.system;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the database if it does not exist yet, then lets Flyway migrate it. With
 * {@code spring.flyway.enabled=false} (the class-data-sharing training run of the Docker
 * build, which has no database) neither happens.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	@ConditionalOnBooleanProperty(name = "spring.flyway.enabled", matchIfMissing = true)
	FlywayMigrationStrategy createDatabaseThenMigrate(FlywayProperties properties) {
		return (flyway) -> {
			DatabaseCreator.ensureExists(properties.getUrl(), properties.getUser(), properties.getPassword());
			flyway.migrate();
		};
	}

}
