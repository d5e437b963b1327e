package vn.egov.dashboard.assessment;

/**
 * Which score of a round a row is: at most one per block, agency and category.
 */
record ScoreKey(Block block, String agencyCode, String categoryCode) {

}
