package vn.egov.dashboard.traffic;

import reactor.core.publisher.Flux;

import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import vn.egov.dashboard.demo.DemoDataSet;

/**
 * The sites, the seed portal's published counters and pages, and a year of generated
 * minute traffic for three sites (about 1.4 million minute rows and their roll-ups), all
 * generated in SQL by {@code demo/traffic/traffic.sql}. Before the polls, which belong to
 * sites.
 */
@Component
@Order(100)
class TrafficDemoData implements DemoDataSet {

	@Override
	public Flux<String> load(DatabaseClient db) {
		return SqlSteps.run(db, "demo/traffic/traffic.sql");
	}

}
