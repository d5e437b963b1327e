-- Polls and traffic statistics for the portals (sites) that send hits to this API.
-- Every bucket boundary (hour, day, ISO week, month) is in Asia/Ho_Chi_Minh local time; instants are timestamptz.

-- A portal that sends page views: a ministry's, a province's, a department's.
CREATE TABLE site (
	code          text PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,39}$'),
	name          text NOT NULL,
	name_en       text,
	agency_code   text REFERENCES agency (code),
	base_url      text,
	-- Visits the portal had counted before its hits came here: its own counter at the switch-over.
	visit_offset  bigint NOT NULL DEFAULT 0 CHECK (visit_offset >= 0),
	-- From when hits are counted here; the offset is the count up to this moment.
	counting_from timestamptz,
	note          text
);

-- Counter readings the portal published itself (the "Thống kê truy cập" box of a captured page).
CREATE TABLE site_reading (
	site_code      text NOT NULL REFERENCES site (code),
	read_at        timestamptz NOT NULL,
	total_visits   bigint NOT NULL,
	guests_online  int,
	members_online int,
	source         text NOT NULL,
	PRIMARY KEY (site_code, read_at)
);

CREATE TABLE poll (
	id          bigserial PRIMARY KEY,
	site_code   text NOT NULL REFERENCES site (code),
	question    text NOT NULL,
	opens_at    timestamptz NOT NULL,
	-- null: open until closed by an editor
	closes_at   timestamptz,
	note        text,
	created_at  timestamptz NOT NULL DEFAULT now(),
	CHECK (closes_at IS NULL OR closes_at > opens_at)
);
CREATE INDEX poll_site_idx ON poll (site_code, id DESC);

-- votes is the live count, incremented in the same statement that records a vote; imported_votes is the
-- part carried over from a poll that ran before this system (no per-voter rows exist for it), so
-- votes = imported_votes + (rows of poll_vote for the option) at all times.
CREATE TABLE poll_option (
	id              bigserial PRIMARY KEY,
	poll_id         bigint NOT NULL REFERENCES poll (id),
	position        int NOT NULL,
	label           text NOT NULL,
	votes           bigint NOT NULL DEFAULT 0,
	imported_votes  bigint NOT NULL DEFAULT 0,
	UNIQUE (poll_id, position),
	UNIQUE (poll_id, id),
	CHECK (imported_votes >= 0 AND votes >= imported_votes)
);

-- One row per voter and poll: the primary key is what makes a second vote impossible, even under
-- concurrency. voter is an HMAC-SHA-256 of the voter's cookie id (or of address + user agent) under a
-- configured secret: the raw values are never stored.
CREATE TABLE poll_vote (
	poll_id    bigint NOT NULL REFERENCES poll (id),
	voter      bytea NOT NULL CHECK (length(voter) = 32),
	option_id  bigint NOT NULL,
	cast_at    timestamptz NOT NULL,
	PRIMARY KEY (poll_id, voter),
	FOREIGN KEY (poll_id, option_id) REFERENCES poll_option (poll_id, id)
);
CREATE INDEX poll_vote_time_idx ON poll_vote (poll_id, cast_at) INCLUDE (option_id);

-- Views and unique visitors per site and time bucket. MINUTE rows are written by the flusher; HOUR, DAY,
-- WEEK and MONTH roll-ups are upserted by the same flush, so long ranges never read minute rows.
-- sample marks generated demo rows. No foreign key to site: the writer only writes sites that exist, and a
-- row-by-row key check would cost every upsert (and the demo load) more than the rest of the write.
CREATE TABLE traffic_bucket (
	site_code     text NOT NULL,
	granularity   text NOT NULL CHECK (granularity IN ('MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH')),
	bucket_start  timestamptz NOT NULL,
	views         bigint NOT NULL DEFAULT 0 CHECK (views >= 0),
	member_views  bigint NOT NULL DEFAULT 0 CHECK (member_views >= 0),
	visitors      bigint NOT NULL DEFAULT 0 CHECK (visitors >= 0),
	sample        boolean NOT NULL DEFAULT false,
	PRIMARY KEY (site_code, granularity, bucket_start)
);

-- The visitors already counted in each still-open bucket (64-bit keyed hashes of visitor ids). A flush
-- inserts its visitors with ON CONFLICT DO NOTHING and adds the number of rows actually inserted to
-- traffic_bucket.visitors: an exact distinct count without one row per hit. Sets of closed buckets are
-- deleted (the count stays), so the table holds only the visitors of the current minute…month buckets.
-- MINUTE sets also answer "online now"; member is true once the visitor sent a hit as a member.
-- The key leads with the bucket, so that the one index serves the upserts, the deletion of closed buckets
-- and "online now" (a few minute buckets): every flush writes one index entry per new row, not two.
CREATE TABLE traffic_visitor (
	granularity   text NOT NULL,
	bucket_start  timestamptz NOT NULL,
	site_code     text NOT NULL,
	visitor       bigint NOT NULL,
	member        boolean NOT NULL DEFAULT false,
	PRIMARY KEY (granularity, bucket_start, site_code, visitor)
);

CREATE TABLE page (
	id             bigserial PRIMARY KEY,
	site_code      text NOT NULL REFERENCES site (code),
	path           text NOT NULL,
	title          text,
	-- views counted here
	views          bigint NOT NULL DEFAULT 0,
	-- views the portal had counted before (its own "Lượt xem")
	view_offset    bigint NOT NULL DEFAULT 0 CHECK (view_offset >= 0),
	first_seen_at  timestamptz,
	last_seen_at   timestamptz,
	note           text,
	UNIQUE (site_code, path)
);

CREATE TABLE page_day (
	page_id    bigint NOT NULL REFERENCES page (id),
	site_code  text NOT NULL,
	day        date NOT NULL,
	views      bigint NOT NULL,
	sample     boolean NOT NULL DEFAULT false,
	PRIMARY KEY (page_id, day)
);
-- topPages: a range of days of one site, read from the index alone.
CREATE INDEX page_day_site_idx ON page_day (site_code, day) INCLUDE (page_id, views);
