package vn.egov.dashboard.traffic;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.traffic.partitions.*} settings: the monthly partitions of the traffic
 * tables ({@link TrafficPartitions}, docs/traffic.md).
 *
 * @param monthsAhead partitions are kept created this many months past the current one
 * @param minuteRetention minute buckets older than this are dropped (hour, day, week and
 * month roll-ups are kept); 0 keeps them for ever
 * @param maintenanceInterval how often partitions are created and old minutes dropped
 * @param deleteBatch rows of the legacy partition (the rows from before partitioning)
 * deleted per statement
 */
@ConfigurationProperties("egov.traffic.partitions")
record PartitionProperties(@DefaultValue("3") int monthsAhead, @DefaultValue("90d") Duration minuteRetention,
		@DefaultValue("1h") Duration maintenanceInterval, @DefaultValue("10000") int deleteBatch) {

	PartitionProperties {
		if (monthsAhead < 1) {
			throw new IllegalArgumentException("egov.traffic.partitions.months-ahead must be at least 1");
		}
		if (minuteRetention.isNegative()) {
			throw new IllegalArgumentException("egov.traffic.partitions.minute-retention must not be negative");
		}
		if (deleteBatch < 1) {
			throw new IllegalArgumentException("egov.traffic.partitions.delete-batch must be at least 1");
		}
	}

}
