/**
 * Agencies' IT-application / digital-transformation plans, their status flow, and tasks
 * assigned by documents.
 */
@NullMarked
package vn.egov.dashboard.plan;

import org.jspecify.annotations.NullMarked;
