package vn.egov.dashboard.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.database.*}: how soon an unreachable database is noticed
 * ({@link DatabaseWatch}).
 *
 * @param probeAfter while some database operation is waiting, how long PostgreSQL may
 * send nothing at all before a probe asks whether it is still there; also how often an
 * unreachable database is probed
 * @param probeTimeout how long a probe ({@code SELECT 1}, on a connection of its own) may
 * take before the database counts as unreachable
 */
@ConfigurationProperties("egov.database")
record DatabaseWatchProperties(@DefaultValue("150ms") Duration probeAfter,
		@DefaultValue("300ms") Duration probeTimeout) {

}
