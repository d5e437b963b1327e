package vn.egov.dashboard.poll;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code egov.poll.*} settings.
 *
 * @param voterSalt secret key of the hash under which voters are stored; blank: a random
 * key per start, which lets a cookie-less voter vote again after a restart, so production
 * sets it
 */
@ConfigurationProperties("egov.poll")
record PollProperties(@DefaultValue("") String voterSalt) {

}
