/**
 * Agencies (Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ, tỉnh/thành phố) and their
 * history across reorganisations.
 */
@NullMarked
package vn.egov.dashboard.agency;

import org.jspecify.annotations.NullMarked;
