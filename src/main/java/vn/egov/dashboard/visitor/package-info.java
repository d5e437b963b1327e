/**
 * Who a visitor is, for traffic and polls alike: the first-party visitor cookie, issued
 * and signed by this server, the client address (trusted proxies only), the user agent,
 * and the keyed hashes under which any of them is stored.
 */
@NullMarked
package vn.egov.dashboard.visitor;

import org.jspecify.annotations.NullMarked;
