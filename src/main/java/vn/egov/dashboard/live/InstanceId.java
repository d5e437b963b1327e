package vn.egov.dashboard.live;

import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * This instance's random id, carried in its NOTIFY messages so that its listener can skip
 * them: the local event was already published when the write committed.
 */
@Component
class InstanceId {

	private final String value = UUID.randomUUID().toString();

	String value() {
		return this.value;
	}

}
