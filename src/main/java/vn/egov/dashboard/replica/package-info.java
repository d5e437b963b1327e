/**
 * Read replicas: anonymous queries read from a PostgreSQL hot standby that is up and
 * close enough behind the primary; everything else uses the primary.
 */
@NullMarked
package vn.egov.dashboard.replica;

import org.jspecify.annotations.NullMarked;
