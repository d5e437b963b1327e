package vn.egov.dashboard.graphql;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Hooks;

import org.springframework.core.codec.DecodingException;
import org.springframework.stereotype.Component;

/**
 * Errors that Reactor drops because their stream was already over: by default each is
 * logged at ERROR with its stack trace. A malformed multipart body makes the parser fail
 * twice, the second time after the request was answered 400 (gh-18, item 7: 64 lines of
 * log for one bad upload). A dropped error from decoding a client's body is the client's,
 * already answered: it is logged at DEBUG. Any other dropped error stays an ERROR with
 * its trace, as Reactor logs it.
 */
@Component
class DroppedErrors {

	private static final Log logger = LogFactory.getLog(DroppedErrors.class);

	DroppedErrors() {
		Hooks.onErrorDropped(DroppedErrors::dropped);
	}

	private static void dropped(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DecodingException) {
				logger.debug("A client's body could not be decoded after its request was answered", ex);
				return;
			}
		}
		logger.error("Operator called default onErrorDropped", ex);
	}

}
