/**
 * Open data: every public table downloadable as CSV (UTF-8 with a byte-order mark, for
 * Excel) and JSON at stable URLs under {@code /data}, with a DCAT-style catalogue at
 * {@code GET /data}. Each table is the answer of a GraphQL query of the API, run inside
 * the server and flattened into rows, so a download holds what the same query answers.
 */
@NullMarked
package vn.egov.dashboard.opendata;

import org.jspecify.annotations.NullMarked;
