/**
 * What every CSV import shares (assessment scores, measurements): decoding an uploaded
 * file, reading its lines by column name with their line numbers, the problems reported
 * per line, the HTTP upload and the command line around an import.
 */
@NullMarked
package vn.egov.dashboard.csv;

import org.jspecify.annotations.NullMarked;
