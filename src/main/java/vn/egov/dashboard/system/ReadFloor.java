package vn.egov.dashboard.system;

/**
 * The latest change a read must see, as the {@link System#nanoTime()} at which this
 * instance heard of it: set by the response cache, which must not store an answer older
 * than a change it has dropped answers for, and honoured by the read-replica routing. It
 * travels in the GraphQL context, and from there in the Reactor context of data fetchers.
 *
 * @param changedAt {@code System.nanoTime()} of the latest relevant change
 */
public record ReadFloor(long changedAt) {

	/** Its key in the GraphQL and Reactor contexts. */
	public static final String KEY = ReadFloor.class.getName();

}
