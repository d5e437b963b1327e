/**
 * What belongs to no feature: database creation before migration.
 */
@NullMarked
package vn.egov.dashboard.system;

import org.jspecify.annotations.NullMarked;
