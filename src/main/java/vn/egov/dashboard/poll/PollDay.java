package vn.egov.dashboard.poll;

import java.time.LocalDate;
import java.util.List;

/**
 * Votes cast on one local day, in total and per option (in option order).
 */
record PollDay(LocalDate date, long votes, List<OptionCount> options) {

	record OptionCount(long optionId, String label, long votes) {

	}

}
