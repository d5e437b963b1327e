/**
 * Legal documents and the legal-basis graph between them (căn cứ).
 */
@NullMarked
package vn.egov.dashboard.document;

import org.jspecify.annotations.NullMarked;
