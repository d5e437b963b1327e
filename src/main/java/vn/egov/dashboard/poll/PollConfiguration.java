package vn.egov.dashboard.poll;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.egov.dashboard.ratelimit.PublicMutation;
import vn.egov.dashboard.ratelimit.WriteBudgets;

/**
 * Binds {@code egov.poll.*}, and declares {@code castVote} a public mutation: every
 * selection of it, aliases included, draws a token from the client's vote budget
 * ({@code egov.rate-limit.vote}) before the operation runs. No per-request maximum of its
 * own: the aliases limit and the budget bound it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PollProperties.class)
class PollConfiguration {

	@Bean
	PublicMutation castVoteBudget() {
		return PublicMutation.perSelection("castVote", WriteBudgets.VOTE, Integer.MAX_VALUE);
	}

}
