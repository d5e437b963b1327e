package vn.egov.dashboard.poll;

import reactor.core.publisher.Flux;

import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.demo.DemoDataSet;
import vn.egov.dashboard.traffic.SqlSteps;

/**
 * The seed poll (1180 / 107 / 57 of 1344) and a sample poll with generated votes, from
 * {@code demo/poll/poll.sql}. After the traffic demo data, which creates the sites.
 */
@Component
@Order(110)
class PollDemoData implements DemoDataSet {

	@Override
	public Flux<String> load(DatabaseClient db) {
		return SqlSteps.run(db, "demo/poll/poll.sql");
	}

}
