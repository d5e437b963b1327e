/**
 * Live updates: the cross-instance event bus on PostgreSQL LISTEN/NOTIFY, coalesced
 * change streams for GraphQL subscriptions, and limits on subscriptions per connection
 * and client.
 */
@NullMarked
package vn.egov.dashboard.live;

import org.jspecify.annotations.NullMarked;
