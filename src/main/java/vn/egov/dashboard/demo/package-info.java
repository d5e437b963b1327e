/**
 * The demo data set, loaded on first start into an empty database.
 */
@NullMarked
package vn.egov.dashboard.demo;

import org.jspecify.annotations.NullMarked;
