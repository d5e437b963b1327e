/**
 * Indicators, targets, measurements and the progress computed from them.
 */
@NullMarked
package vn.egov.dashboard.progress;

import org.jspecify.annotations.NullMarked;
