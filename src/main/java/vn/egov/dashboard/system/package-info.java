/**
 * What belongs to no feature: database creation before migration, and how an unreachable
 * database is answered.
 */
@NullMarked
package vn.egov.dashboard.system;

import org.jspecify.annotations.NullMarked;
