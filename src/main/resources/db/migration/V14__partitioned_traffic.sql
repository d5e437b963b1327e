-- traffic_bucket and traffic_visitor become partitioned by month (Vietnam's months: each partition starts at
-- 00:00 +07 on the 1st), online: this script runs outside a transaction (V14__partitioned_traffic.sql.conf), so
-- that each step holds its lock only as long as it needs, and no row is copied. See docs/traffic.md, "Partitions".
--
-- 1. A CHECK constraint proves that every existing row lies before the month after next (bound B), added NOT VALID
--    (a brief lock) and validated while writers go on (VALIDATE takes SHARE UPDATE EXCLUSIVE: it scans, writes go on;
--    new hits are dated now, which is before B).
-- 2. In one statement: the table is renamed *_legacy, a partitioned table takes its name, and the legacy table is
--    attached as its partition FROM (MINVALUE) TO (B), which the validated constraint lets PostgreSQL do without a
--    scan. Writers blocked by that brief lock then resolve the name again and write into the partitioned table.
--    Views on traffic_bucket are created again on the partitioned table.
-- 3. Monthly partitions from B on are created, and kept three months ahead by the application (TrafficPartitions).
--    A DEFAULT partition takes any row past them (a clock far ahead, maintenance stopped for months), so that no
--    write ever fails for want of a partition; creating a month's partition moves its rows out of it.
--
-- traffic_bucket's monthly partitions are split again by granularity: *_minute holds MINUTE rows, *_rollup the HOUR,
-- DAY, WEEK and MONTH roll-ups, so that minute data past its retention is dropped a month at a time (DROP TABLE,
-- no DELETE and no vacuum) while the roll-ups stay. traffic_visitor holds only the visitor sets of buckets still
-- open (the writer deletes closed ones); its monthly partitions are dropped whole past the retention.

-- The start of the Vietnamese month `months` months after the one holding `t`.
CREATE FUNCTION traffic_month(t timestamptz, months integer) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN timezone('Asia/Ho_Chi_Minh', date_trunc('month', timezone('Asia/Ho_Chi_Minh', t)) + make_interval(months => months));

DO $$
BEGIN
	EXECUTE format('ALTER TABLE traffic_bucket ADD CONSTRAINT traffic_bucket_before_partitions'
		' CHECK (bucket_start < %L) NOT VALID', traffic_month(now(), 2));
	EXECUTE format('ALTER TABLE traffic_visitor ADD CONSTRAINT traffic_visitor_before_partitions'
		' CHECK (bucket_start < %L) NOT VALID', traffic_month(now(), 2));
END
$$;

ALTER TABLE traffic_bucket VALIDATE CONSTRAINT traffic_bucket_before_partitions;
ALTER TABLE traffic_visitor VALIDATE CONSTRAINT traffic_visitor_before_partitions;

DO $$
DECLARE
	-- B, as the constraints say (not now() again: the month may have turned meanwhile)
	bound timestamptz := (SELECT substring(pg_get_constraintdef(oid) FROM '''([^'']+)''')::timestamptz
	                        FROM pg_constraint WHERE conname = 'traffic_bucket_before_partitions');
	dependent record;
BEGIN
	ALTER TABLE traffic_bucket RENAME TO traffic_bucket_legacy;
	ALTER INDEX traffic_bucket_pkey RENAME TO traffic_bucket_legacy_pkey;
	CREATE TABLE traffic_bucket (
		site_code     text NOT NULL,
		-- the constraints named as V3's, which the legacy partition has and attaching matches by name
		granularity   text NOT NULL
		              CONSTRAINT traffic_bucket_granularity_check
		              CHECK (granularity IN ('MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH')),
		bucket_start  timestamptz NOT NULL,
		views         bigint NOT NULL DEFAULT 0 CONSTRAINT traffic_bucket_views_check CHECK (views >= 0),
		member_views  bigint NOT NULL DEFAULT 0 CONSTRAINT traffic_bucket_member_views_check CHECK (member_views >= 0),
		visitors      bigint NOT NULL DEFAULT 0 CONSTRAINT traffic_bucket_visitors_check CHECK (visitors >= 0),
		sample        boolean NOT NULL DEFAULT false,
		PRIMARY KEY (site_code, granularity, bucket_start)
	) PARTITION BY RANGE (bucket_start);
	EXECUTE format('ALTER TABLE traffic_bucket ATTACH PARTITION traffic_bucket_legacy'
		' FOR VALUES FROM (MINVALUE) TO (%L)', bound);

	ALTER TABLE traffic_visitor RENAME TO traffic_visitor_legacy;
	ALTER INDEX traffic_visitor_pkey RENAME TO traffic_visitor_legacy_pkey;
	CREATE TABLE traffic_visitor (
		granularity   text NOT NULL,
		bucket_start  timestamptz NOT NULL,
		site_code     text NOT NULL,
		visitor       bigint NOT NULL,
		member        boolean NOT NULL DEFAULT false,
		PRIMARY KEY (granularity, bucket_start, site_code, visitor)
	) PARTITION BY RANGE (bucket_start);
	EXECUTE format('ALTER TABLE traffic_visitor ATTACH PARTITION traffic_visitor_legacy'
		' FOR VALUES FROM (MINVALUE) TO (%L)', bound);

	-- A view is bound to the table it was created on, now the legacy partition (grafana.traffic_daily): each such view
	-- is created again, from its own definition, on the partitioned table.
	FOR dependent IN
		SELECT DISTINCT r.ev_class::regclass AS view
		  FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
		 WHERE d.classid = 'pg_rewrite'::regclass AND d.refobjid = 'traffic_bucket_legacy'::regclass
		   AND r.ev_class <> 'traffic_bucket_legacy'::regclass
	LOOP
		EXECUTE format('CREATE OR REPLACE VIEW %s AS %s', dependent.view,
			replace(pg_get_viewdef(dependent.view), 'traffic_bucket_legacy', 'traffic_bucket'));
	END LOOP;

	CREATE TABLE traffic_bucket_default PARTITION OF traffic_bucket DEFAULT;
	CREATE TABLE traffic_visitor_default PARTITION OF traffic_visitor DEFAULT;

	-- Where the monthly partitions start.
	EXECUTE format('CREATE FUNCTION traffic_partitions_start() RETURNS timestamptz LANGUAGE sql IMMUTABLE'
		' RETURN %L::timestamptz', bound);
END
$$;

-- Creates the missing monthly partitions of both tables from the current month (or the first after the legacy ones)
-- to the month holding `upto`; returns their names. Instances running it at once take turns.
CREATE FUNCTION traffic_create_partitions(upto timestamptz) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	month timestamptz := greatest(traffic_month(now(), 0), traffic_partitions_start());
	next timestamptz;
	suffix text;
BEGIN
	PERFORM pg_advisory_xact_lock(hashtext('traffic_partitions'));
	WHILE month <= upto LOOP
		next := traffic_month(month, 1);
		suffix := to_char(timezone('Asia/Ho_Chi_Minh', month), '"y"YYYY"m"MM');
		-- Each month's table is made apart, given the month's rows from the default partition, then attached.
		IF to_regclass('traffic_bucket_' || suffix) IS NULL THEN
			EXECUTE format('CREATE TABLE %I (LIKE traffic_bucket INCLUDING DEFAULTS INCLUDING CONSTRAINTS)'
				' PARTITION BY LIST (granularity)', 'traffic_bucket_' || suffix);
			EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (''MINUTE'')',
				'traffic_bucket_' || suffix || '_minute', 'traffic_bucket_' || suffix);
			EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (''HOUR'', ''DAY'', ''WEEK'', ''MONTH'')',
				'traffic_bucket_' || suffix || '_rollup', 'traffic_bucket_' || suffix);
			EXECUTE format('WITH moved AS (DELETE FROM traffic_bucket_default WHERE bucket_start >= %L AND bucket_start < %L'
				' RETURNING *) INSERT INTO %I SELECT * FROM moved', month, next, 'traffic_bucket_' || suffix);
			EXECUTE format('ALTER TABLE traffic_bucket ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
				'traffic_bucket_' || suffix, month, next);
			RETURN NEXT 'traffic_bucket_' || suffix;
		END IF;
		IF to_regclass('traffic_visitor_' || suffix) IS NULL THEN
			EXECUTE format('CREATE TABLE %I (LIKE traffic_visitor INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
				'traffic_visitor_' || suffix);
			EXECUTE format('WITH moved AS (DELETE FROM traffic_visitor_default WHERE bucket_start >= %L AND bucket_start < %L'
				' RETURNING *) INSERT INTO %I SELECT * FROM moved', month, next, 'traffic_visitor_' || suffix);
			EXECUTE format('ALTER TABLE traffic_visitor ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
				'traffic_visitor_' || suffix, month, next);
			RETURN NEXT 'traffic_visitor_' || suffix;
		END IF;
		month := next;
	END LOOP;
END
$$;

-- Drops the minute partitions of traffic_bucket, and the partitions of traffic_visitor, of every month that ended by
-- `before`; the roll-up partitions stay. Returns the names dropped. (The legacy partition's minutes are deleted by
-- the application in batches.)
CREATE FUNCTION traffic_drop_minutes(before timestamptz) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	part record;
BEGIN
	PERFORM pg_advisory_xact_lock(hashtext('traffic_partitions'));
	FOR part IN
		SELECT c.relname AS name
		  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
		 WHERE i.inhparent IN ('traffic_bucket'::regclass, 'traffic_visitor'::regclass)
		   AND c.relname ~ '_y[0-9]{4}m[0-9]{2}$'
		   AND traffic_month(timezone('Asia/Ho_Chi_Minh', to_date(right(c.relname, 8), '"y"YYYY"m"MM')::timestamp), 1)
		       <= before
		 ORDER BY 1
	LOOP
		IF part.name LIKE 'traffic_visitor_%' THEN
			EXECUTE format('DROP TABLE %I', part.name);
			RETURN NEXT part.name;
		ELSIF to_regclass(part.name || '_minute') IS NOT NULL THEN
			EXECUTE format('DROP TABLE %I', part.name || '_minute');
			RETURN NEXT part.name || '_minute';
		END IF;
	END LOOP;
END
$$;

SELECT traffic_create_partitions(traffic_month(now(), 3));
