package vn.egov.dashboard.poll;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.poll.*} settings.
 *
 * @param voterSalt secret key of the hash under which voters and their addresses are
 * stored; blank: a random key per start, which lets a cookie-less voter vote again after
 * a restart, so production sets it
 * @param maxVotesPerAddress the most votes one client address may add to one poll,
 * however many cookies and user agents it shows (an IPv6 address counts by its /64). The
 * trade-off: people who share an address (an office behind NAT, a mobile network's
 * carrier-grade NAT) share this number too, so past it honest votes from that address are
 * refused (ADDRESS_LIMIT). Raise it where many voters share few addresses; lower it where
 * stuffing matters more than they do
 */
@ConfigurationProperties("egov.poll")
record PollProperties(@DefaultValue("") String voterSalt, @DefaultValue("20") int maxVotesPerAddress) {

	PollProperties {
		if (maxVotesPerAddress < 1) {
			throw new IllegalArgumentException("egov.poll.max-votes-per-address must be at least 1");
		}
	}

}
