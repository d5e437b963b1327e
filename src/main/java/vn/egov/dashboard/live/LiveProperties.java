package vn.egov.dashboard.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.live.*} settings.
 *
 * @param channel the PostgreSQL NOTIFY channel shared by every instance on one database
 * @param eventWindow a subscription is re-evaluated at most once per this window per
 * topic
 * @param listenerName {@code application_name} of each instance's listener connection
 * @param reconnectMinBackoff first wait before reconnecting a lost listener connection
 * @param reconnectMaxBackoff longest wait between reconnection attempts
 * @param maxSubscriptionsPerConnection open subscriptions one WebSocket connection may
 * hold
 * @param maxSubscriptionsPerClient open subscriptions one client address may hold over
 * all its connections
 */
@ConfigurationProperties("egov.live")
record LiveProperties(@DefaultValue("egov_changes") String channel, @DefaultValue("250ms") Duration eventWindow,
		@DefaultValue("egov-listener") String listenerName, @DefaultValue("100ms") Duration reconnectMinBackoff,
		@DefaultValue("10s") Duration reconnectMaxBackoff, @DefaultValue("20") int maxSubscriptionsPerConnection,
		@DefaultValue("50") int maxSubscriptionsPerClient) {

}
