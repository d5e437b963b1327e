package vn.egov.dashboard.replica;

import java.util.List;

import org.springframework.beans.factory.DisposableBean;

/**
 * The replicas and the router over them and the primary. The router is no bean of its
 * own, so that the primary's pool stays the one {@code ConnectionFactory} bean (health,
 * pool metrics).
 *
 * @param all the replicas, in the order configured
 * @param router the connection factory of the application's {@code DatabaseClient}
 */
record Replicas(List<Replica> all, ReplicaRouter router) implements DisposableBean {

	@Override
	public void destroy() {
		this.all.forEach((replica) -> replica.pool().dispose());
	}

}
