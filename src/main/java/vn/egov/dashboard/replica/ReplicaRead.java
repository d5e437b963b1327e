package vn.egov.dashboard.replica;

/**
 * Marks a read that a replica may answer: an anonymous query. It travels in the GraphQL
 * context, and from there in the Reactor context of data fetchers, to
 * {@link ReplicaRouter}.
 *
 * @param minLsn the WAL position, in bytes, of the client's latest write (its
 * {@code egov_lsn} cookie), which the replica must have replayed; 0 without one
 */
record ReplicaRead(long minLsn) {

	/** Its key in the GraphQL and Reactor contexts. */
	static final String KEY = ReplicaRead.class.getName();

}
