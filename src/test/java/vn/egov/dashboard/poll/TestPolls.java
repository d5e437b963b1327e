package vn.egov.dashboard.poll;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Polls of a test's own, with three options, on a site of the tests' own: the one poll
 * fixture of the tests.
 */
public final class TestPolls {

	private TestPolls() {
	}

	public record TestPoll(long id, List<Long> options) {
	}

	/**
	 * A poll opening {@code opensInDays} from now and closing after {@code closesInDays}
	 * (null: open-ended), with three options.
	 */
	/** A poll open since yesterday, with no end. */
	public static TestPoll open(DatabaseClient db) {
		return create(db, -1, null);
	}

	static TestPoll create(DatabaseClient db, int opensInDays, Integer closesInDays) {
		db.sql("INSERT INTO site (code, name) VALUES ('TEST-POLLS', 'Polls of the poll tests') ON CONFLICT DO NOTHING")
			.then()
			.block();
		OffsetDateTime now = OffsetDateTime.now();
		var insert = db.sql(
				"INSERT INTO poll (site_code, question, opens_at, closes_at) VALUES ('TEST-POLLS', :q, :opens, :closes) RETURNING id")
			.bind("q", "Test poll " + UUID.randomUUID())
			.bind("opens", now.plusDays(opensInDays));
		insert = (closesInDays != null) ? insert.bind("closes", now.plusDays(closesInDays))
				: insert.bindNull("closes", OffsetDateTime.class);
		long id = insert.map((row) -> row.get(0, Long.class)).one().block();
		List<Long> options = db.sql("""
				INSERT INTO poll_option (poll_id, position, label)
				SELECT :id, p, 'Option ' || p FROM generate_series(1, 3) p RETURNING id""")
			.bind("id", id)
			.map((row) -> row.get(0, Long.class))
			.all()
			.sort()
			.collectList()
			.block();
		return new TestPoll(id, options);
	}

	/** The options' counters, in option order. */
	static List<Long> optionVotes(DatabaseClient db, TestPoll poll) {
		return db.sql("SELECT votes FROM poll_option WHERE poll_id = :id ORDER BY position")
			.bind("id", poll.id())
			.map((row) -> row.get(0, Long.class))
			.all()
			.collectList()
			.block();
	}

}
