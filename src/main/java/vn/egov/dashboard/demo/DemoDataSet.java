package vn.egov.dashboard.demo;

import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A feature's part of the demo data, loaded after the foundation's (agencies, documents,
 * targets) in the same transaction. Emits one progress line per step.
 */
public interface DemoDataSet {

	Flux<String> load(DatabaseClient db);

}
