/**
 * Reader polls on the portals: questions, options, anonymous one-per-voter votes, and
 * results whose percentages always add up to 100.
 */
@NullMarked
package vn.egov.dashboard.poll;

import org.jspecify.annotations.NullMarked;
