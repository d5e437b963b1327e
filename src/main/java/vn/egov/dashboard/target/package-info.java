/**
 * Indicators, targets, measurements and the progress computed from them.
 */
@NullMarked
package vn.egov.dashboard.target;

import org.jspecify.annotations.NullMarked;
