/**
 * Embedding on the portals: which browser origins may call this API (the registered
 * sites' own origins plus configured ones, for HTTP and WebSocket alike) and the script a
 * portal pastes to show a poll, the visit counter and to send page views.
 */
@NullMarked
package vn.egov.dashboard.embed;

import org.jspecify.annotations.NullMarked;
