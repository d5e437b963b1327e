package vn.egov.dashboard.poll;

/**
 * An answer of a poll with its count and its share in whole percent (see
 * {@link PollRepository#optionsWithPercents}).
 *
 * @param votes every vote, imported ones included
 * @param importedVotes the part carried over from before this system
 */
public record PollOption(long id, int position, String label, long votes, long importedVotes, int percent) {

}
