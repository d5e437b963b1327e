/**
 * Assessments (đánh giá, xếp hạng): the ICT-application report, the Vietnam ICT Index and
 * the Digital Transformation Index, with their rounds, categories, scores, ranks computed
 * in SQL, and the all-or-nothing CSV import.
 */
@NullMarked
package vn.egov.dashboard.assessment;

import org.jspecify.annotations.NullMarked;
